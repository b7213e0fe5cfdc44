/// One request to decide: who, what, on which resource, with which context keys.
public struct AuthorizationRequest: Sendable {
    public var principal: PrincipalIdentity
    /// As the caller names it, e.g. `ecr:PutImage`; compared case-insensitively.
    public let action: String
    /// A repository ARN, or `*` for account-level actions.
    public let resource: String
    /// The action trimmed and lower-cased once, so deciding compares without allocating.
    let normalizedAction: String
    /// Account-level actions act on `*`, never on a repository, so no repository policy takes part;
    /// nor does one when the resource is not an ECR ARN at all.
    public let isIdentityOnly: Bool
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
        let normalized = action.trimmingSpaces().lowercased()
        normalizedAction = normalized
        let arn = ARN(resource)
        isIdentityOnly = ECRCatalog.byLowercasedName[normalized]?.scope == .account || arn?.service != "ecr"
        self.resourceAccount = resourceAccount ?? arn?.account
        var keys = RequestContext(principal.globalContextKeys)
        // Explicit keys win over derived ones, whatever their case.
        for (key, values) in context { keys.set(key, values) }
        self.context = keys
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
