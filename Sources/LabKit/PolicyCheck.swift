/// Where something was written in the pack, for messages about the pack itself.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var description: String { "\(file):\(line):\(column)" }
}

/// The learner writes or fixes a policy; it is graded on the grants it produces, never on its text.
public struct PolicyCheck: Sendable {
    public enum PolicyKind: String, Sendable, Hashable, CaseIterable {
        /// Attached to the lab's repository (`LabDefaults.repository`).
        case repository
        /// Attached to `attachTo`, replacing that principal's identity policies for this task.
        case identity
    }

    public var policyKind: PolicyKind
    /// Identity tasks: the principal the learner's policy is attached to.
    public var attachTo: String?
    /// Repositories that exist while the task is graded, each with the repository policy in place (nil: none).
    /// Repository tasks: just the lab's repository, whose policy is the learner's. Identity tasks: listed in
    /// task.yaml, so a too-wide Resource shows up as access to a repository the learner should not reach.
    public var repositories: [RepositorySetup]
    /// Rows that must hold. Every other (principal, ECR action, repository) must be denied unless `mayAllow`
    /// covers it; `requirement(...)` resolves the rows into one answer per request.
    public var expect: [ExpectedGrant]
    public var mayAllow: [ExpectedGrant]
    public var lint: [LintGate]
}

public struct RepositorySetup: Sendable, Hashable {
    public var name: String
    /// A file name in `labs/policies/`, or nil when the repository has no policy (or, in a repository task,
    /// when it carries the learner's policy).
    public var policy: String?
    /// True for the repository the learner's policy is attached to (repository tasks only).
    public var holdsLearnerPolicy: Bool
}

/// One row of the expected grants: principal × actions (names, wildcards such as `ecr:Describe*`, or group
/// names) → allow, deny, or may allow.
public struct ExpectedGrant: Sendable, Hashable {
    public enum Expectation: String, Sendable, Hashable {
        case allow, deny, mayAllow
    }

    public var principal: String
    public var actions: [ActionReference]
    public var expectation: Expectation
    /// nil: the lab's repository. Ignored for account-scoped actions such as `ecr:GetAuthorizationToken`.
    public var repository: String?
    /// Why the row exists, in the learner's terms; feedback can quote it.
    public var because: String?
    public var location: SourceLocation
}

public enum ActionReference: Sendable, Hashable, CustomStringConvertible {
    /// A catalogued action, e.g. `ecr:PutImage`.
    case action(String)
    /// An action pattern with `*` or `?`, e.g. `ecr:*`; it matches at least one catalogued action.
    case pattern(String)
    /// A group from lab.yaml, e.g. `push`.
    case group(String)

    public var description: String {
        switch self {
        case .action(let name), .pattern(let name), .group(let name): return name
        }
    }
}

/// Lint findings a task requires to be absent before the grants are even looked at.
public enum LintGate: String, Sendable, Hashable, CaseIterable {
    /// No lint error of any kind.
    case noErrors
    /// No `<YOUR_AWS_ACCOUNT_ID>` or other `<…>` placeholder left in.
    case noPlaceholder
    /// No Allow to `"*"` / `{"AWS": "*"}` unless a condition narrows it.
    case noWildcardPrincipal
    /// The policy fits SetRepositoryPolicy's 10,240 characters.
    case sizeLimit
}
