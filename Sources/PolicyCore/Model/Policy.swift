/// Which side of the evaluation a policy sits on. A repository policy is a resource-based policy
/// attached to one ECR repository and names its principals; an identity policy is attached to a
/// user or role and names resources instead.
public enum PolicyKind: String, Sendable, Hashable, CaseIterable, Codable {
    case repository
    case identity
}

/// An IAM policy document as written, element by element. It may be incomplete: the decoder keeps
/// what it could read and reports the rest as findings, so the linter can say everything at once.
public struct Policy: Hashable, Sendable {
    public static let currentVersion = "2012-10-17"
    public static let legacyVersion = "2008-10-17"

    public var version: Located<String>?
    public var id: Located<String>?
    public var statements: [Statement]
    @SourceSpan public var range: SourceRange

    public init(version: Located<String>? = nil, id: Located<String>? = nil, statements: [Statement], range: SourceRange = .unknown) {
        self.version = version
        self.id = id
        self.statements = statements
        self.range = range
    }

    /// Policy variables are substituted only under the current grammar; with the 2008 version, or no
    /// version at all, `${aws:username}` stays literal text.
    public var substitutesVariables: Bool { version?.value == Policy.currentVersion }

    /// A Principal in any statement marks a resource-based policy: identity policies cannot have one.
    public var detectedKind: PolicyKind {
        statements.contains { $0.principal != nil } ? .repository : .identity
    }
}

public enum Effect: String, Sendable, Hashable, Codable, CaseIterable {
    case allow = "Allow"
    case deny = "Deny"
}

public struct Statement: Hashable, Sendable {
    /// Position in the Statement list, used to name statements that have no Sid.
    public var index: Int
    public var sid: Located<String>?
    /// Nil when missing or invalid; the decoder has reported why.
    public var effect: Located<Effect>?
    public var principal: PrincipalElement?
    public var action: ListElement?
    public var resource: ListElement?
    public var conditions: [Condition]
    @SourceSpan public var range: SourceRange

    public init(
        index: Int, sid: Located<String>? = nil, effect: Located<Effect>?, principal: PrincipalElement? = nil,
        action: ListElement?, resource: ListElement? = nil, conditions: [Condition] = [], range: SourceRange = .unknown
    ) {
        self.index = index
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
        self.range = range
    }

    /// How the statement is named in messages: its Sid, or its place in the list.
    public var name: String {
        if let sid = sid?.value, !sid.isEmpty { return sid }
        return "statement \(index + 1)"
    }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a list of patterns, possibly negated.
public struct ListElement: Hashable, Sendable {
    public var isNegated: Bool
    public var items: [Located<String>]
    /// Where the key (`"Action"`) is written.
    @SourceSpan public var keyRange: SourceRange

    public init(isNegated: Bool = false, items: [Located<String>], keyRange: SourceRange = .unknown) {
        self.isNegated = isNegated
        self.items = items
        self.keyRange = keyRange
    }
}

/// `Principal` or `NotPrincipal`.
public struct PrincipalElement: Hashable, Sendable {
    public var isNegated: Bool
    public var entries: [PrincipalEntry]
    @SourceSpan public var keyRange: SourceRange

    public init(isNegated: Bool = false, entries: [PrincipalEntry], keyRange: SourceRange = .unknown) {
        self.isNegated = isNegated
        self.entries = entries
        self.keyRange = keyRange
    }
}

public struct PrincipalEntry: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The bare string `"*"`: everyone, signed or anonymous.
        case everyone = "*"
        case aws = "AWS"
        case service = "Service"
        case federated = "Federated"
        case canonicalUser = "CanonicalUser"
    }

    public var kind: Kind
    public var value: Located<String>

    public init(_ kind: Kind, _ value: Located<String>) {
        self.kind = kind
        self.value = value
    }
}

/// One condition: an operator applied to one key with one or more values. A Condition block with
/// several operators or keys becomes several of these, all of which must hold.
public struct Condition: Hashable, Sendable {
    public var operatorName: Located<String>
    public var key: Located<String>
    /// Numbers and booleans keep their JSON text: IAM compares them as strings or by value
    /// depending on the operator.
    public var values: [Located<String>]

    public init(operatorName: Located<String>, key: Located<String>, values: [Located<String>]) {
        self.operatorName = operatorName
        self.key = key
        self.values = values
    }
}
