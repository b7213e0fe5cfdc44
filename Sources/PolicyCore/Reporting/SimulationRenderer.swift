/// Shows a docker simulation the way a learner would meet it at a terminal: each API call with its
/// decision, then AWS's refusal text and the statement to change.
public struct SimulationRenderer: Sendable {
    public init() {}

    public func text(_ simulation: DockerSimulation, operation: DockerSimulation.Operation, authorizer: Authorizer) -> String {
        var lines: [String] = []
        for (index, step) in simulation.steps.enumerated() {
            let phase = index == 0 ? "docker login" : "docker \(operation.rawValue)"
            let verdict: String
            if step.decision.isAllowed {
                let allows = step.decision.matched.filter { $0.effect == .allow }
                    .map { "`\($0.statementName)` (\($0.policyName), line \($0.line))" }
                verdict = "allowed" + (allows.isEmpty ? "" : " by " + allows.joined(separator: " and "))
            } else {
                verdict = "refused"
            }
            lines.append("\(phase): \(step.action) on \(step.resource): \(verdict)")
        }
        if let refused = simulation.steps.last, !refused.decision.isAllowed, let message = refused.refusal {
            lines.append("")
            lines.append("An error occurred (AccessDeniedException): \(message)")
            let request = AuthorizationRequest(
                principal: simulation.principal, action: refused.action, resource: refused.resource,
                context: simulation.context)
            if let advice = RefusalAdvice.advice(for: authorizer.explain(request), action: refused.action) {
                lines.append("to change: \(advice)")
            }
            lines.append("docker \(simulation.steps.count == 1 ? "login" : operation.rawValue) fails here, as it would against AWS")
        } else {
            lines.append("docker \(operation.rawValue) succeeds")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
