/// Says which statement to change so that a refused request would be decided the other way, in the
/// learner's terms: the CLI's `simulate`, `explain` and the grader's feedback all use it.
public enum RefusalAdvice {
    /// One line, or nil when the request was allowed.
    public static func advice(for explanation: Explanation, action: String) -> String? {
        let decision = explanation.decision
        switch decision.outcome {
        case .allow:
            return nil
        case .explicitDeny:
            guard let deny = decision.matched.first(where: { $0.effect == .deny }) else { return nil }
            return "`\(deny.statementName)` in \(deny.policyName) (line \(deny.line)) denies \(action) explicitly; a Deny wins over every Allow: narrow its Action, Principal or Condition"
        case .implicitDeny:
            var lines: [String] = []
            for missing in decision.missing {
                lines.append(advice(forMissing: missing, in: explanation, action: action))
            }
            return lines.joined(separator: "; ")
        }
    }

    private static func advice(forMissing missing: Decision.MissingAllow, in explanation: Explanation, action: String) -> String {
        switch missing {
        case .noRepositoryPolicy:
            return "the repository has no policy: set one that allows \(action) for this principal"
        case .identity, .repository:
            let side: StatementReference.Side = missing == .identity ? .identity : .repository
            let sideName = side == .identity ? "identity policy" : "repository policy"
            let allows = explanation.statements.filter { $0.statement.side == side && $0.statement.effect == .allow }
            if let near = allows.first(where: { $0.result == .actionNotListed && $0.concernsPrincipal }) {
                return "\(action) is not in the Action list of `\(near.statement.statementName)` in \(near.statement.policyName) (line \(near.statement.line)): add it there"
            }
            if let condition = allows.first(where: { if case .conditionFalse = $0.result { return true } else { return false } }),
                case .conditionFalse(let label) = condition.result
            {
                return "`\(condition.statement.statementName)` in \(condition.statement.policyName) (line \(condition.statement.line)) allows it only when its condition `\(label)` holds, and it does not for this request"
            }
            if let resource = allows.first(where: { $0.result == .resourceNotListed }) {
                return "`\(resource.statement.statementName)` in \(resource.statement.policyName) (line \(resource.statement.line)) lists \(action) but not this resource: check its Resource ARN"
            }
            if side == .repository, let other = allows.first(where: { $0.result == .principalNotListed }) {
                return "`\(other.statement.statementName)` in \(other.statement.policyName) (line \(other.statement.line)) does not name this principal: add its ARN to the Principal"
            }
            return "no \(sideName) statement allows \(action) for this principal: add one"
        }
    }
}
