import PolicyCore

/// What a learner hands in for a task: the text of their file and the name it is shown under in feedback
/// (the path they typed, e.g. `work/04-ci-push-pull.json`).
public struct Submission: Sendable, Hashable {
    public var text: String
    public var fileName: String

    public init(text: String, fileName: String) {
        self.text = text
        self.fileName = fileName
    }
}

/// The verdict on one submission: every check in a fixed order, passed or not, with one line of feedback.
public struct GradeResult: Sendable, Hashable {
    public var taskID: String
    public var checks: [CheckOutcome]

    public init(taskID: String, checks: [CheckOutcome]) {
        self.taskID = taskID
        self.checks = checks
    }

    /// A task is passed only when every check is.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
    public var score: Int { checks.reduce(0) { $0 + ($1.passed ? $1.points : 0) } }
    public var maxScore: Int { checks.reduce(0) { $0 + $1.points } }
    public var failedChecks: [CheckOutcome] { checks.filter { !$0.passed } }
    public var passedChecks: [CheckOutcome] { checks.filter(\.passed) }
}

/// One graded aspect of a submission.
public struct CheckOutcome: Sendable, Hashable {
    /// Stable across runs and versions, so records and reports can compare attempts:
    /// `lint:noPlaceholder`, `grant:fcj-ecr-ci-cd-user:push`, `deny:fcj-developer:push`,
    /// `least-privilege:other-account-admin`, `question:q1`, `scenario:allow-silent`, `simulate:fcj-developer:push`.
    public var id: String
    public var passed: Bool
    /// What the check is worth; earned only when it passes.
    public var points: Int
    /// One line: for a failed check what is wrong and what to do, for a passed one what holds.
    public var message: String
    /// How much a failure matters: `error` (it does not work), `security` (it grants too much).
    public var severity: Severity
    /// Where in the learner's file the feedback points, when it points somewhere.
    public var location: CheckLocation?

    public init(id: String, passed: Bool, points: Int = 1, message: String, severity: Severity = .error,
                location: CheckLocation? = nil) {
        self.id = id
        self.passed = passed
        self.points = points
        self.message = message
        self.severity = severity
        self.location = location
    }

    /// The family of the check: the id up to its first colon (`lint`, `grant`, `least-privilege`, …).
    public var kind: String { String(id.prefix { $0 != ":" }) }
}

/// `file:line:col`, the form editors and terminals turn into links.
public struct CheckLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)" }
}
