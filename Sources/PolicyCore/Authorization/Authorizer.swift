/// Decides requests against a principal's identity policies and a repository's policy, under the
/// workshop's AND model or AWS's own rule (reference §4).
public struct Authorizer: Sendable {
    public let identityPolicies: [CompiledPolicy]
    public let repositoryPolicy: CompiledPolicy?
    public let model: EvaluationModel

    public init(identityPolicies: [CompiledPolicy], repositoryPolicy: CompiledPolicy?, model: EvaluationModel = .and) {
        self.identityPolicies = identityPolicies
        self.repositoryPolicy = repositoryPolicy
        self.model = model
    }

    /// What the identity policies alone say about a request. It does not depend on the repository
    /// policy or the model, so a caller deciding the same request against many repository policies
    /// (a grader, a class of submissions) can work it out once and pass it to `decide`.
    public struct IdentityVerdict: Sendable {
        public var allows: Bool
        public var denies: Bool
        public var matched: [StatementReference]
    }

    public func identityVerdict(_ request: AuthorizationRequest) -> IdentityVerdict {
        var verdict = IdentityVerdict(allows: false, denies: false, matched: [])
        guard request.principal.hasIdentityPolicies else { return verdict }
        let action = request.normalizedAction
        for policy in identityPolicies {
            for statement in policy.statements where statement.matches(request, action: action, side: .identity) {
                verdict.matched.append(statement.reference(in: policy))
                if statement.effect == .deny { verdict.denies = true } else { verdict.allows = true }
            }
        }
        return verdict
    }

    /// Decides `request`; `identity`, when given, must be `identityVerdict(request)` of an authorizer
    /// with the same identity policies.
    public func decide(_ request: AuthorizationRequest, identity known: IdentityVerdict? = nil) -> Decision {
        let action = request.normalizedAction
        // Account-level actions act on `*`, never on a repository: its policy takes no part.
        let identityOnly = request.isIdentityOnly
        let identity = known ?? identityVerdict(request)
        var matched = identity.matched
        var denied = identity.denies
        let identityAllows = identity.allows

        var repositoryAllows = false
        var repositoryNamesPrincipal = false
        if !identityOnly, let policy = repositoryPolicy {
            for statement in policy.statements where statement.matches(request, action: action, side: .repository) {
                matched.append(statement.reference(in: policy))
                if statement.effect == .deny {
                    denied = true
                } else {
                    repositoryAllows = true
                    if statement.namesPrincipal(request.principal) { repositoryNamesPrincipal = true }
                }
            }
        }

        if denied { return Decision(outcome: .explicitDeny, matched: matched, missing: [], identityOnly: identityOnly) }

        let allowed: Bool
        if identityOnly {
            allowed = identityAllows
        } else if !request.principal.hasIdentityPolicies {
            // Services and anonymous callers have no identity side: the resource policy decides.
            allowed = repositoryAllows
        } else if model == .aws && request.isSameAccount {
            allowed = identityAllows || repositoryNamesPrincipal
        } else {
            allowed = identityAllows && repositoryAllows
        }
        if allowed { return Decision(outcome: .allow, matched: matched, missing: [], identityOnly: identityOnly) }

        var missing: [Decision.MissingAllow] = []
        // An account-level request has only an identity side, even for callers without identity policies.
        if !identityAllows && (request.principal.hasIdentityPolicies || identityOnly) { missing.append(.identity) }
        if !identityOnly && !repositoryAllows { missing.append(repositoryPolicy == nil ? .noRepositoryPolicy : .repository) }
        return Decision(outcome: .implicitDeny, matched: matched, missing: missing, identityOnly: identityOnly)
    }
}

extension CompiledStatement {
    func matches(_ request: AuthorizationRequest, action: String, side: StatementReference.Side) -> Bool {
        // The principal first: it is the cheapest test and, in a repository policy of many
        // statements for many principals, the one that rules most statements out.
        if let principals {
            let listed = principals.contains { $0.matches(request.principal) }
            guard listed != principalsNegated else { return false }
        }
        guard actions.applies(to: action) else { return false }
        if let resources {
            guard resources.applies(to: request.resource, context: request.context) else { return false }
        }
        // Without Resource, a repository policy statement covers the repository it is attached to.
        for condition in conditions where !condition.evaluate(in: request.context) { return false }
        return true
    }

    /// Whether this (matching) statement lets the principal in by naming it, not just its account.
    func namesPrincipal(_ principal: PrincipalIdentity) -> Bool {
        guard let principals else { return false }
        if principalsNegated { return true }
        return principals.contains { $0.matches(principal) && $0.namesPrincipal }
    }

    func reference(in policy: CompiledPolicy) -> StatementReference {
        StatementReference(
            policyName: policy.name, side: policy.side, statementName: reference.name, statementIndex: reference.index,
            effect: effect, line: reference.line, column: reference.column)
    }
}
