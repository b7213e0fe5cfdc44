import Foundation
import GRDB

/// A graded submission about to be recorded. The hash is computed by the store.
public struct AttemptDraft: Sendable, Hashable {
    public var learnerId: Int64
    public var taskId: String
    public var submittedAt: Date
    public var source: String
    public var passed: Bool
    public var score: Int
    public var maxScore: Int
    public var origin: AttemptOrigin

    public init(
        learnerId: Int64, taskId: String, source: String, passed: Bool, score: Int, maxScore: Int,
        origin: AttemptOrigin = .local, submittedAt: Date = Date()
    ) {
        self.learnerId = learnerId
        self.taskId = taskId
        self.source = source
        self.passed = passed
        self.score = score
        self.maxScore = maxScore
        self.origin = origin
        self.submittedAt = submittedAt
    }
}

/// A draft with its check results, for `recordAttempts`.
public struct GradedSubmission: Sendable, Hashable {
    public var draft: AttemptDraft
    public var checks: [CheckRecord]

    public init(_ draft: AttemptDraft, checks: [CheckRecord]) {
        self.draft = draft
        self.checks = checks
    }
}

/// What makes a batch or import submission the same as one already recorded: learner, task and text.
public struct SubmissionFingerprint: Sendable, Hashable {
    public var learnerId: Int64
    public var taskId: String
    public var sourceHash: String

    public init(learnerId: Int64, taskId: String, source: String) {
        self.init(learnerId: learnerId, taskId: taskId, sourceHash: SHA256.hex(source))
    }

    init(learnerId: Int64, taskId: String, sourceHash: String) {
        self.learnerId = learnerId
        self.taskId = taskId
        self.sourceHash = sourceHash
    }
}

public struct RecordedAttempt: Sendable, Hashable {
    public var attempt: Attempt
    /// True when a `batch` or `import` draft matched a submission already in the database (same
    /// learner, task and text): that earlier attempt is returned and nothing was written.
    public var wasAlreadyRecorded: Bool
}

/// An attempt with its feedback, for `history`.
public struct AttemptHistoryEntry: Decodable, Sendable, Hashable, FetchableRecord {
    public var attempt: Attempt
    public var checkResults: [CheckResult]
}

extension ProgressDatabase {
    /// Records one graded attempt and its check results in one transaction.
    ///
    /// `local` attempts are always appended (every `check` counts). `batch` and `import` drafts are
    /// idempotent: if the learner already has an attempt at the task with the same text (of any
    /// origin), that attempt is returned with `wasAlreadyRecorded` and the draft's verdict is ignored.
    public func recordAttempt(_ draft: AttemptDraft, checks: [CheckRecord]) throws -> RecordedAttempt {
        try recordAttempts([GradedSubmission(draft, checks: checks)])[0]
    }

    /// Records many graded attempts in one transaction (all or none), in order; the result matches
    /// `submissions` one to one. A draft repeating an earlier one of the same call is a duplicate too.
    public func recordAttempts(_ submissions: [GradedSubmission]) throws -> [RecordedAttempt] {
        for submission in submissions { try Self.validate(submission) }
        // Hashing is the only real per-attempt work outside SQLite: done before taking the write lock.
        let hashes = submissions.map { SHA256.hex($0.draft.source) }
        return try write { db in
            var writer = try AttemptWriter(db)
            var recorded: [RecordedAttempt] = []
            recorded.reserveCapacity(submissions.count)
            for (submission, hash) in zip(submissions, hashes) {
                recorded.append(try writer.record(submission, hash: hash))
            }
            return recorded
        }
    }

    /// The submissions of these learners already on record (any origin): a batch or import draft
    /// matching one of them records nothing new.
    public func submissionsOnRecord(learners learnerIds: some Sequence<Int64>) throws -> Set<SubmissionFingerprint> {
        let ids = Array(Set(learnerIds))
        return try read { db in
            var found: Set<SubmissionFingerprint> = []
            // In slices, well under SQLite's limit on bound values.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let slice = ids[start..<min(start + 500, ids.count)]
                let marks = repeatElement("?", count: slice.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT DISTINCT learnerId, taskId, sourceHash FROM attempt WHERE learnerId IN (\(marks))",
                    arguments: StatementArguments(Array(slice)))
                while let row = try rows.next() {
                    found.insert(SubmissionFingerprint(learnerId: row[0], taskId: row[1], sourceHash: row[2]))
                }
            }
            return found
        }
    }

    /// How many attempts the database holds (of one origin, when given).
    public func attemptCount(origin: AttemptOrigin? = nil) throws -> Int {
        try read { db in
            var request = Attempt.all()
            if let origin { request = request.filter(Column("origin") == origin.rawValue) }
            return try request.fetchCount(db)
        }
    }

    /// A learner's attempts (at one task, when given), oldest first.
    public func attempts(learner learnerId: Int64, task: String? = nil) throws -> [Attempt] {
        try read { db in try Self.attemptRequest(learner: learnerId, task: task).fetchAll(db) }
    }

    /// A learner's attempts with their check results, oldest first.
    public func history(learner learnerId: Int64, task: String? = nil) throws -> [AttemptHistoryEntry] {
        try read { db in
            try Self.attemptRequest(learner: learnerId, task: task)
                .including(all: Attempt.checkResults)
                .asRequest(of: AttemptHistoryEntry.self)
                .fetchAll(db)
        }
    }

    public func checkResults(attempt attemptId: Int64) throws -> [CheckResult] {
        try read { db in
            try CheckResult.filter(Column("attemptId") == attemptId).order(CheckResult.Columns.position).fetchAll(db)
        }
    }

    private static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }

    static func attemptRequest(learner learnerId: Int64, task: String?) -> QueryInterfaceRequest<Attempt> {
        var request = Attempt.filter(Attempt.Columns.learnerId == learnerId)
        if let task { request = request.filter(Attempt.Columns.taskId == task) }
        return request.order(Attempt.Columns.id)
    }

    private static func validate(_ submission: GradedSubmission) throws {
        let draft = submission.draft
        func refuse(_ reason: String) -> ProgressStoreError {
            .invalidAttempt(task: draft.taskId, reason: reason)
        }
        if draft.taskId.isEmpty { throw refuse("the task id is empty") }
        if draft.score < 0 || draft.maxScore < draft.score {
            throw refuse("score \(draft.score) is not between 0 and the maximum \(draft.maxScore)")
        }
        if submission.checks.contains(where: { $0.checkId.isEmpty }) { throw refuse("a check has an empty id") }
        if Self.containsNUL(draft.source) {
            throw refuse("the submitted text contains a NUL character; submit a text file")
        }
    }
}

/// The statements of one recording transaction, prepared once and reused for every attempt.
private struct AttemptWriter {
    let db: Database
    let findLearner: BoundStatement
    let findSubmission: BoundStatement
    let fetchAttempt: Statement
    let insertAttempt: BoundStatement
    /// Multi-row inserts of check results by row count: one statement per attempt rather than one
    /// per check.
    var insertChecks: [Int: BoundStatement] = [:]
    var knownLearners: Set<Int64> = []
    /// Batches often share one grading time: its stored form is worked out once.
    var lastTimestamp: (given: Date, text: String, stored: Date)?
    static let checksPerStatement = 50

    init(_ db: Database) throws {
        self.db = db
        findLearner = try BoundStatement(db, sql: "SELECT 1 FROM learner WHERE id = ?")
        findSubmission = try BoundStatement(db, sql: """
            SELECT id FROM attempt WHERE learnerId = ? AND taskId = ? AND sourceHash = ? ORDER BY id LIMIT 1
            """)
        fetchAttempt = try db.makeStatement(sql: "SELECT * FROM attempt WHERE id = ?")
        insertAttempt = try BoundStatement(db, sql: """
            INSERT INTO attempt (learnerId, taskId, submittedAt, source, sourceHash, passed, score, maxScore, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func record(_ submission: GradedSubmission, hash: String) throws -> RecordedAttempt {
        let draft = submission.draft
        if !knownLearners.contains(draft.learnerId) {
            guard try findLearner.firstInteger(db, [.integer(draft.learnerId)]) != nil else {
                throw ProgressStoreError.invalidAttempt(
                    task: draft.taskId, reason: "learner #\(draft.learnerId) is not in the progress database")
            }
            knownLearners.insert(draft.learnerId)
        }
        if draft.origin != .local,
           let existingId = try findSubmission.firstInteger(
               db, [.integer(draft.learnerId), .text(draft.taskId), .text(hash)]),
           let existing = try Attempt.fetchOne(fetchAttempt, arguments: [existingId])
        {
            return RecordedAttempt(attempt: existing, wasAlreadyRecorded: true)
        }
        if lastTimestamp?.given != draft.submittedAt {
            let stored = DatabaseTimestamp.stored(draft.submittedAt)
            lastTimestamp = (draft.submittedAt, stored.text, stored.date)
        }
        let submittedAt = lastTimestamp!
        try insertAttempt.run(db, [
            .integer(draft.learnerId), .text(draft.taskId), .text(submittedAt.text), .text(draft.source),
            .text(hash), .bool(draft.passed), .int(draft.score), .int(draft.maxScore), .text(draft.origin.rawValue),
        ])
        let id = db.lastInsertedRowID
        try insert(submission.checks, attemptId: id)
        let attempt = Attempt(
            id: id, learnerId: draft.learnerId, taskId: draft.taskId, submittedAt: submittedAt.stored,
            source: draft.source, sourceHash: hash, passed: draft.passed, score: draft.score,
            maxScore: draft.maxScore, origin: draft.origin)
        return RecordedAttempt(attempt: attempt, wasAlreadyRecorded: false)
    }

    private mutating func insert(_ checks: [CheckRecord], attemptId: Int64) throws {
        var start = 0
        while start < checks.count {
            let count = min(Self.checksPerStatement, checks.count - start)
            let statement = try insertChecks[count] ?? {
                let rows = repeatElement("(?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
                let made = try BoundStatement(db, sql: """
                    INSERT INTO checkResult (attemptId, position, checkId, passed, severity, message) VALUES \(rows)
                    """)
                insertChecks[count] = made
                return made
            }()
            var values: [BoundStatement.Value] = []
            values.reserveCapacity(6 * count)
            for position in start..<(start + count) {
                let check = checks[position]
                values += [
                    .integer(attemptId), .int(position), .text(check.checkId), .bool(check.passed),
                    .text(check.severity.rawValue), .text(check.message),
                ]
            }
            try statement.run(db, values)
            start += count
        }
    }
}
