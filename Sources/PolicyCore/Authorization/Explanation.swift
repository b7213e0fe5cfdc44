/// A decision with the path that led to it: for every statement of every policy, whether it matched
/// and, if not, the first thing that did not fit. This is what `ecrlab explain` and the grader's
/// feedback are made of.
public struct Explanation: Sendable {
    public var decision: Decision
    public var statements: [StatementTrace]
    /// What the other model would decide for the same request, to show where AND and AWS differ.
    public var otherModel: EvaluationModel
    public var otherModelOutcome: Decision.Outcome
}

public struct StatementTrace: Hashable, Sendable {
    public enum Result: Hashable, Sendable {
        case matched
        case actionNotListed
        case actionExcluded
        case principalNotListed
        case principalExcluded
        case resourceNotListed
        case resourceExcluded
        case conditionFalse(String)
        /// The policy takes no part in this request (account-level action, or a principal with no
        /// identity policies).
        case notConsulted
    }

    public var statement: StatementReference
    public var result: Result
    /// Whether the statement is about this principal (always true in an identity policy), whatever
    /// else stopped it from matching: advice should not send a learner to someone else's statement.
    public var concernsPrincipal: Bool = true
}

extension Authorizer {
    public func explain(_ request: AuthorizationRequest) -> Explanation {
        let decision = decide(request)
        let other: EvaluationModel = model == .and ? .aws : .and
        let otherOutcome = Authorizer(identityPolicies: identityPolicies, repositoryPolicy: repositoryPolicy, model: other)
            .decide(request).outcome
        let action = request.normalizedAction
        var traces: [StatementTrace] = []
        for policy in identityPolicies + (repositoryPolicy.map { [$0] } ?? []) {
            let consulted = policy.side == .identity ? request.principal.hasIdentityPolicies : !decision.identityOnly
            for statement in policy.statements {
                let result = consulted ? statement.trace(request, action: action) : .notConsulted
                traces.append(
                    StatementTrace(
                        statement: statement.reference(in: policy), result: result,
                        concernsPrincipal: statement.concerns(request.principal)))
            }
        }
        return Explanation(decision: decision, statements: traces, otherModel: other, otherModelOutcome: otherOutcome)
    }
}

extension CompiledStatement {
    func concerns(_ principal: PrincipalIdentity) -> Bool {
        guard let principals else { return true }
        return principals.contains { $0.matches(principal) } != principalsNegated
    }

    /// The same tests as `matches`, in the same order, stopping at the first that fails.
    func trace(_ request: AuthorizationRequest, action: String) -> StatementTrace.Result {
        if !actions.applies(to: action) { return actions.negated ? .actionExcluded : .actionNotListed }
        if let principals {
            let listed = principals.contains { $0.matches(request.principal) }
            if listed == principalsNegated { return principalsNegated ? .principalExcluded : .principalNotListed }
        }
        if let resources, !resources.applies(to: request.resource, context: request.context) {
            return resources.negated ? .resourceExcluded : .resourceNotListed
        }
        for (condition, label) in zip(conditions, conditionLabels) where !condition.evaluate(in: request.context) {
            return .conditionFalse(label)
        }
        return .matched
    }
}
