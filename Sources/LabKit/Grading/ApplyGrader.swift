import PolicyCore

/// Grades an apply task on the policy applied to the local repository: docker's calls are simulated for
/// each expectation, stopping where docker would.
struct ApplyGrader {
    let world: LabWorld
    let check: ApplyCheck

    /// The learner's work file the task tells them to apply, as the command line names it.
    var workFile: String {
        let source = check.policyFrom.flatMap { world.pack.task($0) } ?? world.task
        let fileExtension = source.starter?.fileExtension ?? "json"
        return "work/\(source.id).\(fileExtension.isEmpty ? "json" : fileExtension)"
    }

    func grade(_ applied: Submission?) -> [CheckOutcome] {
        let ids = check.simulations.map { "simulate:\($0.principal):\($0.operation.rawValue)" }
        guard let applied else {
            let message = "apply the policy first: `ecrlab repo set-policy \(check.repository) \(workFile)`"
            return ids.map { CheckOutcome(id: $0, passed: false, message: message) }
        }
        let policy: CompiledPolicy
        switch CompiledPolicy.compile(name: applied.fileName, text: applied.text, side: .repository) {
        case .failure(let invalid):
            return ids.map { CheckOutcome(id: $0, passed: false, message: "the applied policy cannot be evaluated: \(invalid.summary)") }
        case .success(let compiled):
            policy = compiled
        }
        return zip(ids, check.simulations).map { id, expectation in grade(expectation, id: id, policy: policy) }
    }

    private func grade(_ expectation: SimulationExpectation, id: String, policy: CompiledPolicy) -> CheckOutcome {
        guard let actor = world.actor(named: expectation.principal) else {
            return CheckOutcome(id: id, passed: false, points: 0, message: "the lab names an unknown principal `\(expectation.principal)`")
        }
        let authorizer = Authorizer(identityPolicies: world.identityPolicies(of: actor.definition), repositoryPolicy: policy,
                                    model: world.task.model)
        let operation = DockerSimulation.Operation(rawValue: expectation.operation.rawValue) ?? .pull
        let simulation = DockerSimulation(operation, principal: actor.identity, repositoryARN: world.environment.repositoryARN(check.repository),
                                          authorizer: authorizer, context: actor.context)
        let what = "\(actor.name)'s \(expectation.operation.rawValue)"
        let stop = simulation.steps.first { !$0.decision.isAllowed }
        switch (expectation.outcome, stop) {
        case (.succeeds, nil):
            return CheckOutcome(id: id, passed: true, message: "\(what) succeeds")
        case (.succeeds, let step?):
            let request = AuthorizationRequest(principal: actor.identity, action: step.action, resource: step.resource,
                                               resourceAccount: world.environment.account, context: actor.context)
            let explanation = authorizer.explain(request)
            let advice = RefusalAdvice.advice(for: explanation, action: step.action) ?? "it is refused"
            return CheckOutcome(id: id, passed: false, message: "\(what) is refused at \(step.action): \(advice)",
                                location: Wording.location(RefusalCause.statement(explanation, side: .repository)))
        case (.refused, nil):
            let statements = Wording.unique(simulation.steps.flatMap {
                $0.decision.matched.filter { $0.side == .repository && $0.effect == .allow }
            })
            let through = statements.isEmpty ? "" : " through \(Wording.statements(statements))"
            return CheckOutcome(id: id, passed: false,
                                message: "\(what) succeeds\(through), but must be refused: limit the Principal or the Action list of the applied policy",
                                severity: .security, location: Wording.location(statements.first))
        case (.refused, let step?):
            if let pinned = expectation.refusedAt, pinned.lowercased() != step.action.lowercased() {
                return CheckOutcome(id: id, passed: false,
                                    message: "\(what) is refused at \(step.action), but the task expects docker to be stopped at \(pinned)",
                                    severity: .security)
            }
            return CheckOutcome(id: id, passed: true, message: "\(what) is refused at \(step.action)", severity: .security)
        }
    }
}
