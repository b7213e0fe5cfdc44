import Foundation
import LabKit
import ProgressStore

/// Everything the class report shows, gathered once and rendered as a table, CSV, JSON or HTML.
public struct ClassOverview: Sendable, Codable {
    public struct TaskColumn: Sendable, Codable {
        public var id: String
        /// The task's number as learners type it (`04`), for narrow column headers.
        public var label: String
        public var title: String
        public var objectives: [String]
        /// What a full pass is worth, from grading the reference answer.
        public var points: Int
    }

    public enum CellState: String, Sendable, Codable {
        case passed, attempted, notStarted
    }

    public struct Cell: Sendable, Codable {
        public var taskId: String
        public var state: CellState
        public var attempts: Int
        public var bestScore: Int?
        public var hintsUsed: Int
    }

    public struct LearnerRow: Sendable, Codable {
        public var name: String
        public var displayName: String?
        public var email: String?
        public var group: String?
        public var cells: [Cell]
        public var passedCount: Int { cells.filter { $0.state == .passed }.count }
        public var score: Int { cells.reduce(0) { $0 + ($1.bestScore ?? 0) } }
    }

    public struct ObjectiveLine: Sendable, Codable {
        public var id: String
        public var text: String
        public var taskIds: [String]
        public var masteredCount: Int
        public var learnerCount: Int
        public var share: Double { learnerCount == 0 ? 0 : Double(masteredCount) / Double(learnerCount) }
    }

    public struct StuckEntry: Sendable, Codable {
        public var learner: String
        public var taskId: String
        public var attempts: Int
        public var hintsUsed: Int
    }

    public var title: String
    public var group: String?
    public var generatedAt: Date
    public var tasks: [TaskColumn]
    public var learners: [LearnerRow]
    public var objectives: [ObjectiveLine]
    public var commonMistakes: [FailedCheckSummary]
    public var stuck: [StuckEntry]
    public var notStarted: [String]

    public var totalPoints: Int { tasks.reduce(0) { $0 + $1.points } }

    /// Stuck: this many attempts at a task without passing it.
    public static let stuckAttempts = 3

    public static func build(pack: LabPack, database: ProgressDatabase, group: String? = nil, mistakes: Int = 10,
                             at date: Date = Date()) throws -> ClassOverview {
        let taskIds = pack.tasks.map(\.id)
        let matrix = try database.classMatrix(tasks: taskIds, group: group)
        let grader = Grader(pack: pack)
        let tasks = pack.tasks.map { task in
            let solution = StoredChecks.grade(grader, text: task.solution.text, fileName: task.solution.path, task: task)
            let number = task.id.prefix { $0.isNumber }
            return TaskColumn(id: task.id, label: number.isEmpty ? task.id : String(number), title: task.title,
                              objectives: task.objectives, points: solution.maxScore)
        }
        let learners = matrix.rows.map { row in
            LearnerRow(name: row.learner.name, displayName: row.learner.displayName, email: row.learner.email,
                       group: row.learner.group, cells: row.tasks.map(cell))
        }
        let objectives = pack.objectives.map { objective in
            let indices = pack.tasks.indices.filter { pack.tasks[$0].objectives.contains(objective.id) }
            let mastered = learners.filter { row in indices.allSatisfy { row.cells[$0].state == .passed } }.count
            return ObjectiveLine(id: objective.id, text: objective.text, taskIds: indices.map { taskIds[$0] },
                                 masteredCount: indices.isEmpty ? 0 : mastered, learnerCount: learners.count)
        }
        let stuck = matrix.stuck(minimumAttempts: stuckAttempts).map {
            StuckEntry(learner: $0.learner.name, taskId: $0.taskId, attempts: $0.attemptCount, hintsUsed: $0.hintsUsed)
        }
        let mistakes = try database.commonFailedChecks(tasks: taskIds, group: group, limit: mistakes)
        return ClassOverview(title: pack.title, group: group, generatedAt: date, tasks: tasks, learners: learners,
                             objectives: objectives, commonMistakes: mistakes, stuck: stuck,
                             notStarted: matrix.notStarted.map(\.name))
    }

    private static func cell(_ state: TaskState) -> Cell {
        let kind: CellState = state.passed ? .passed : state.attemptCount > 0 ? .attempted : .notStarted
        return Cell(taskId: state.taskId, state: kind, attempts: state.attemptCount, bestScore: state.bestScore,
                    hintsUsed: state.hintsUsed)
    }
}
