import Foundation
import GRDB

// One record type per table. Ids are assigned by SQLite and are never nil on a fetched value, so
// they are non-optional; new rows are written through the store's own methods, which read the row
// back, rather than by inserting a record with a made-up id.

public struct Learner: Codable, Sendable, Hashable, Identifiable, FetchableRecord, PersistableRecord {
    public var id: Int64
    /// The unique login-like name (`--learner`, folder names in `grade`); compared case-insensitively.
    public var name: String
    public var displayName: String?
    public var email: String?
    public var group: String?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, displayName, email, createdAt
        case group = "groupName"
    }

    init(id: Int64, name: String, displayName: String? = nil, email: String? = nil, group: String? = nil,
         createdAt: Date) {
        self.id = id
        self.name = name
        self.displayName = displayName
        self.email = email
        self.group = group
        self.createdAt = createdAt
    }

    // Decoded by hand: reports read thousands of learners and Codable decoding is much slower.
    public init(row: Row) throws {
        id = row["id"]
        name = row["name"]
        displayName = row["displayName"]
        email = row["email"]
        group = row["groupName"]
        createdAt = row["createdAt"]
    }
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let group = Column(CodingKeys.group)
    }
}

/// Where an attempt came from: the learner's own `check`, an instructor's `grade`, or `progress import`.
public enum AttemptOrigin: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case local, batch, `import`
}

public struct Attempt: Codable, Sendable, Hashable, Identifiable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var learnerId: Int64
    public var taskId: String
    public var submittedAt: Date
    /// The submitted text, exactly as graded.
    public var source: String
    /// SHA-256 of `source` (UTF-8), lower-case hex.
    public var sourceHash: String
    public var passed: Bool
    public var score: Int
    public var maxScore: Int
    public var origin: AttemptOrigin

    public init(
        id: Int64, learnerId: Int64, taskId: String, submittedAt: Date, source: String, sourceHash: String,
        passed: Bool, score: Int, maxScore: Int, origin: AttemptOrigin
    ) {
        self.id = id
        self.learnerId = learnerId
        self.taskId = taskId
        self.submittedAt = submittedAt
        self.source = source
        self.sourceHash = sourceHash
        self.passed = passed
        self.score = score
        self.maxScore = maxScore
        self.origin = origin
    }

    // Decoded by hand: batch grading looks up thousands of earlier submissions.
    public init(row: Row) throws {
        id = row["id"]
        learnerId = row["learnerId"]
        taskId = row["taskId"]
        submittedAt = row["submittedAt"]
        source = row["source"]
        sourceHash = row["sourceHash"]
        passed = row["passed"]
        score = row["score"]
        maxScore = row["maxScore"]
        origin = row["origin"]
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let learnerId = Column(CodingKeys.learnerId)
        public static let taskId = Column(CodingKeys.taskId)
    }
    static let checkResults = hasMany(CheckResult.self).order(CheckResult.Columns.position)
}

public enum CheckSeverity: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case error, warning, info
}

/// One check of a graded attempt, as the grader reported it (the store's own type, so that it does
/// not depend on the grader's).
public struct CheckRecord: Codable, Sendable, Hashable {
    public var checkId: String
    public var passed: Bool
    public var severity: CheckSeverity
    public var message: String

    public init(checkId: String, passed: Bool, severity: CheckSeverity = .error, message: String) {
        self.checkId = checkId
        self.passed = passed
        self.severity = severity
        self.message = message
    }
}

public struct CheckResult: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var attemptId: Int64
    /// The check's place in the grader's feedback, from 0.
    public var position: Int
    public var checkId: String
    public var passed: Bool
    public var severity: CheckSeverity
    public var message: String

    public var record: CheckRecord {
        CheckRecord(checkId: checkId, passed: passed, severity: severity, message: message)
    }
    public enum Columns {
        public static let position = Column(CodingKeys.position)
    }
}

public struct HintUse: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var learnerId: Int64
    public var taskId: String
    public var level: Int
    public var at: Date
}

public struct Repository: Codable, Sendable, Hashable, Identifiable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var name: String
    public var account: String
    public var region: String
    /// The applied repository policy, or nil when none is set.
    public var policyText: String?
    public var updatedAt: Date
}

public enum PolicyAction: String, Codable, Sendable, DatabaseValueConvertible {
    case set, delete
}

public struct PolicyEvent: Codable, Sendable, Hashable, Identifiable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var repositoryId: Int64
    public var at: Date
    public var action: PolicyAction
    /// The policy that was set; nil for a delete.
    public var policyText: String?
}

struct Setting: Codable, FetchableRecord, PersistableRecord {
    var key: String
    var value: String
}

struct LearnerSetting: Codable, FetchableRecord, PersistableRecord {
    var learnerId: Int64
    var key: String
    var value: String
}
