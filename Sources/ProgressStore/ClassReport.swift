import Foundation
import GRDB

/// Learners × tasks: every learner of the class (roster included, attempts or not) against the
/// tasks the caller lists, in that order.
public struct ClassMatrix: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var learner: Learner
        /// One state per task of `taskIds`, in the same order.
        public var tasks: [TaskState]
    }

    public var taskIds: [String]
    /// By learner name.
    public var rows: [Row]

    /// Learners who have not attempted any of the tasks.
    public var notStarted: [Learner] {
        rows.filter { $0.tasks.allSatisfy { $0.attemptCount == 0 } }.map(\.learner)
    }

    /// Learner and task pairs with at least `minimumAttempts` attempts and no pass, most attempts first.
    public func stuck(minimumAttempts: Int) -> [StuckLearner] {
        var result: [StuckLearner] = []
        for row in rows {
            for state in row.tasks where !state.passed && state.attemptCount >= max(minimumAttempts, 1) {
                result.append(StuckLearner(learner: row.learner, taskId: state.taskId,
                                           attemptCount: state.attemptCount, hintsUsed: state.hintsUsed))
            }
        }
        return result.sorted {
            ($0.attemptCount, $1.learner.name, $1.taskId) > ($1.attemptCount, $0.learner.name, $0.taskId)
        }
    }

    /// For each objective (in the order its first task appears in `taskIds`), the share of learners
    /// who passed every one of its tasks. Tasks missing from `objectiveOf` or from `taskIds` are ignored.
    public func mastery(objectiveOf: [String: String]) -> [ObjectiveMastery] {
        var order: [String] = []
        var columns: [String: [Int]] = [:]
        for (index, taskId) in taskIds.enumerated() {
            guard let objective = objectiveOf[taskId] else { continue }
            if columns[objective] == nil { order.append(objective) }
            columns[objective, default: []].append(index)
        }
        return order.map { objective in
            let indices = columns[objective]!
            let mastered = rows.filter { row in indices.allSatisfy { row.tasks[$0].passed } }.count
            return ObjectiveMastery(objectiveId: objective, taskIds: indices.map { taskIds[$0] },
                                    learnerCount: rows.count, masteredCount: mastered)
        }
    }
}

public struct StuckLearner: Sendable, Hashable, Codable {
    public var learner: Learner
    public var taskId: String
    public var attemptCount: Int
    public var hintsUsed: Int
}

public struct ObjectiveMastery: Sendable, Hashable, Codable {
    public var objectiveId: String
    public var taskIds: [String]
    public var learnerCount: Int
    public var masteredCount: Int
    /// Between 0 and 1; 0 for a class without learners.
    public var share: Double { learnerCount == 0 ? 0 : Double(masteredCount) / Double(learnerCount) }
}

/// A check that failed for several learners.
public struct FailedCheckSummary: Sendable, Hashable, Codable {
    public var taskId: String
    public var checkId: String
    /// Distinct learners with at least one failed attempt on this check.
    public var learnerCount: Int
    /// Failed attempts on this check, all learners together.
    public var occurrences: Int
    /// The message of the most recent failure, and whose it was.
    public var exampleMessage: String
    public var exampleLearner: String
}

extension ProgressDatabase {
    /// The class matrix over `taskIds`, for every learner (of `group`, when given).
    public func classMatrix(tasks taskIds: [String], group: String? = nil) throws -> ClassMatrix {
        try read { db in
            let learners = try Self.learnerRequest(group: group).fetchAll(db)
            let states: [Int64: [String: TaskState]]
            if let group {
                states = try Self.taskStates(
                    in: db, learnerFilter: "learnerId IN (SELECT id FROM learner WHERE groupName = ?)",
                    arguments: [group])
            } else {
                states = try Self.taskStates(in: db, learnerFilter: "1", arguments: [])
            }
            let rows = learners.map { learner in
                let mine = states[learner.id] ?? [:]
                return ClassMatrix.Row(learner: learner, tasks: taskIds.map { mine[$0] ?? TaskState(taskId: $0) })
            }
            return ClassMatrix(taskIds: taskIds, rows: rows)
        }
    }

    /// The checks the class fails most, by the number of learners who failed them.
    ///
    /// Every failed attempt counts, not only each learner's latest: a mistake fixed on the second try
    /// is still a mistake the class makes, and the report is about what to teach again. Counting
    /// distinct learners (rather than attempts) keeps one learner retrying many times from dominating;
    /// `occurrences` gives the attempt count too.
    public func commonFailedChecks(tasks taskIds: [String]? = nil, group: String? = nil, limit: Int = 10) throws
        -> [FailedCheckSummary]
    {
        var conditions = ["c.passed = 0"]
        var arguments: StatementArguments = []
        if let taskIds {
            conditions.append("a.taskId IN (\(taskIds.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(taskIds)
        }
        if let group {
            conditions.append("l.groupName = ?")
            arguments += [group]
        }
        arguments += [max(limit, 0)]
        // With a single MAX() aggregate, SQLite takes the bare columns (message, name) from the row
        // holding the maximum: the most recent failure.
        let sql = """
            SELECT a.taskId, c.checkId, COUNT(DISTINCT a.learnerId), COUNT(*), c.message, l.name, MAX(c.attemptId)
            FROM checkResult c
            JOIN attempt a ON a.id = c.attemptId
            JOIN learner l ON l.id = a.learnerId
            WHERE \(conditions.joined(separator: " AND "))
            GROUP BY a.taskId, c.checkId
            ORDER BY 3 DESC, 4 DESC, 1, 2
            LIMIT ?
            """
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                FailedCheckSummary(taskId: row[0], checkId: row[1], learnerCount: row[2], occurrences: row[3],
                                   exampleMessage: row[4], exampleLearner: row[5])
            }
        }
    }
}
