import Foundation
import GRDB

/// Where a learner stands on one task.
public enum TaskStatus: Sendable, Hashable {
    case notStarted
    case attempted(count: Int)
    /// Done: at least one attempt passed (`count` is every attempt, before and after the pass).
    case passed(count: Int)
}

/// A learner's record on one task: attempts, verdict, best score and hints.
public struct TaskState: Sendable, Hashable, Codable {
    public var taskId: String
    public var attemptCount: Int
    /// A task is done when any attempt at it passed.
    public var passed: Bool
    /// The best score over all attempts and the total it was out of; nil before the first attempt.
    public var bestScore: Int?
    public var maxScore: Int?
    public var hintsUsed: Int
    public var lastAttemptAt: Date?

    public init(taskId: String) {
        self.taskId = taskId
        attemptCount = 0
        passed = false
        hintsUsed = 0
    }

    public var status: TaskStatus {
        if passed { return .passed(count: attemptCount) }
        return attemptCount == 0 ? .notStarted : .attempted(count: attemptCount)
    }
}

extension ProgressDatabase {
    /// Every task the learner attempted or took a hint on, keyed by task id. Tasks absent from the
    /// result are not started.
    public func taskStates(learner learnerId: Int64) throws -> [String: TaskState] {
        try read { db in
            let states = try Self.taskStates(in: db, learnerFilter: "learnerId = ?", arguments: [learnerId])
            return states[learnerId] ?? [:]
        }
    }

    /// Attempt and hint aggregates per learner and task; `learnerFilter` is an SQL condition on
    /// `learnerId` (the same in both tables).
    static func taskStates(
        in db: Database, learnerFilter: String, arguments: StatementArguments
    ) throws -> [Int64: [String: TaskState]] {
        var result: [Int64: [String: TaskState]] = [:]
        let attempts = try Row.fetchCursor(db, sql: """
            SELECT learnerId, taskId, COUNT(*), MAX(passed), MAX(score), MAX(maxScore), MAX(submittedAt)
            FROM attempt WHERE \(learnerFilter) GROUP BY learnerId, taskId
            """, arguments: arguments)
        while let row = try attempts.next() {
            let learnerId: Int64 = row[0]
            let taskId: String = row[1]
            var state = TaskState(taskId: taskId)
            state.attemptCount = row[2]
            state.passed = row[3]
            state.bestScore = row[4]
            state.maxScore = row[5]
            state.lastAttemptAt = row[6]
            result[learnerId, default: [:]][taskId] = state
        }
        let hints = try Row.fetchCursor(db, sql: """
            SELECT learnerId, taskId, MAX(level) FROM hintUse WHERE \(learnerFilter) GROUP BY learnerId, taskId
            """, arguments: arguments)
        while let row = try hints.next() {
            let learnerId: Int64 = row[0]
            let taskId: String = row[1]
            result[learnerId, default: [:]][taskId, default: TaskState(taskId: taskId)].hintsUsed = row[2]
        }
        return result
    }

    // MARK: - Hints

    /// Records that the learner took the next hint of a task and returns its level (1 for the first).
    ///
    /// With `available`, the level never goes past it: asking again after the last hint returns the
    /// last level and records nothing; a task without hints gives 0.
    public func recordHint(learner learnerId: Int64, task taskId: String, available: Int? = nil) throws -> Int {
        if let available, available < 1 { return 0 }
        return try write { db in
            let used = try Int.fetchOne(db, sql: """
                SELECT COALESCE(MAX(level), 0) FROM hintUse WHERE learnerId = ? AND taskId = ?
                """, arguments: [learnerId, taskId]) ?? 0
            if let available, used >= available { return available }
            try db.execute(sql: "INSERT INTO hintUse (learnerId, taskId, level, at) VALUES (?, ?, ?, ?)",
                           arguments: [learnerId, taskId, used + 1, Date()])
            return used + 1
        }
    }

    /// How many hints of the task the learner has taken.
    public func hintsUsed(learner learnerId: Int64, task taskId: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COALESCE(MAX(level), 0) FROM hintUse WHERE learnerId = ? AND taskId = ?
                """, arguments: [learnerId, taskId]) ?? 0
        }
    }

    /// Every hint the learner took, oldest first.
    public func hintUses(learner learnerId: Int64) throws -> [HintUse] {
        try read { db in
            try HintUse.filter(Column("learnerId") == learnerId).order(Column("id")).fetchAll(db)
        }
    }
}
