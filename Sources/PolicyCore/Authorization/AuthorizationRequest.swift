/// One request to decide: who, what, on which resource, with which context keys.
public struct AuthorizationRequest: Sendable {
    public var principal: PrincipalIdentity
    /// As the caller names it, e.g. `ecr:PutImage`; compared case-insensitively.
    public var action: String
    /// A repository ARN, or `*` for account-level actions.
    public var resource: String
    /// The account that owns the resource. Defaults to the account in the resource ARN.
    public var resourceAccount: String?
    /// Context keys as given; the principal's global keys are added when absent.
    public var context: RequestContext

    public init(
        principal: PrincipalIdentity, action: String, resource: String, resourceAccount: String? = nil,
        context: [String: [String]] = [:]
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount ?? ARN(resource)?.account
        var keys = principal.globalContextKeys
        for (key, values) in context {
            // Explicit keys win over derived ones, whatever their case.
            if let derived = keys.keys.first(where: { $0.lowercased() == key.lowercased() }) { keys[derived] = nil }
            keys[key] = values
        }
        self.context = RequestContext(keys)
    }

    /// Whether the principal belongs to the account that owns the resource. Services and anonymous
    /// callers belong to no account.
    public var isSameAccount: Bool {
        guard let account = principal.account, let resourceAccount else { return false }
        return account == resourceAccount
    }
}

/// How identity and repository policies combine.
public enum EvaluationModel: String, Sendable, Hashable, CaseIterable, Codable {
    /// The workshop's rule: both sides must allow; an explicit Deny anywhere wins.
    case and
    /// AWS's rule: within one account either side may allow (a repository policy that names only
    /// the account delegates to identity policies); across accounts both must.
    case aws
}
