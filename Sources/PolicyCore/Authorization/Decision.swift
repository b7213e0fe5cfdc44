/// The outcome of authorizing one request, with the statements that produced it.
public struct Decision: Hashable, Sendable {
    public enum Outcome: String, Hashable, Sendable, Codable {
        case allow
        case explicitDeny
        case implicitDeny
    }

    /// Why a request had no allow, named from the side that failed to give one.
    public enum MissingAllow: String, Hashable, Sendable, Codable {
        /// No identity policy of the principal allows the action.
        case identity
        /// The repository policy does not allow the action for this principal.
        case repository
        /// There is no repository policy at all.
        case noRepositoryPolicy
    }

    public var outcome: Outcome
    /// Every statement that matched the request (Allow and Deny), in policy order.
    public var matched: [StatementReference]
    /// For an implicit deny: the sides that gave no allow.
    public var missing: [MissingAllow]
    /// True when the action is account-level, so the repository policy took no part.
    public var identityOnly: Bool

    public init(outcome: Outcome, matched: [StatementReference], missing: [MissingAllow], identityOnly: Bool) {
        self.outcome = outcome
        self.matched = matched
        self.missing = missing
        self.identityOnly = identityOnly
    }

    public var isAllowed: Bool { outcome == .allow }
}

/// Points at one statement of one policy, for reasons and feedback.
public struct StatementReference: Hashable, Sendable, Codable {
    public enum Side: String, Hashable, Sendable, Codable {
        case identity
        case repository
    }

    public var policyName: String
    public var side: Side
    /// The Sid, or `statement N` when it has none.
    public var statementName: String
    public var statementIndex: Int
    public var effect: Effect
    public var line: Int
    public var column: Int

    public init(
        policyName: String, side: Side, statementName: String, statementIndex: Int, effect: Effect, line: Int, column: Int
    ) {
        self.policyName = policyName
        self.side = side
        self.statementName = statementName
        self.statementIndex = statementIndex
        self.effect = effect
        self.line = line
        self.column = column
    }
}
