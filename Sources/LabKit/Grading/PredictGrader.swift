import PolicyCore

/// Grades predictions: the evaluator decides every scenario row; the solution file plays no part.
struct PredictGrader {
    let world: LabWorld
    let check: PredictCheck

    func grade(_ submission: Submission) -> [CheckOutcome] {
        switch AnswerSheet.predictAnswers(submission.text, file: submission.fileName, for: check) {
        case .failure(let error):
            return AnswerSheetProblem.checks(error, ids: check.scenarios.map { "scenario:\($0.id)" })
        case .success(let answers):
            return check.scenarios.map { grade($0, answer: answers.answers[$0.id]) }
        }
    }

    /// What the evaluator decides for a row, and the request it decided.
    func decide(_ scenario: PredictScenario) -> (decision: Decision, request: AuthorizationRequest, model: EvaluationModel)? {
        guard let actor = world.actor(named: scenario.principal) else { return nil }
        let identities = world.identityPolicies(named: scenario.identityPolicies ?? actor.definition.identityPolicies)
        let model = scenario.model ?? world.task.model
        let authorizer = Authorizer(identityPolicies: identities, repositoryPolicy: world.repositoryPolicy(named: scenario.repositoryPolicy),
                                    model: model)
        let request = world.request(actor, scenario.action, repository: scenario.repository)
        return (authorizer.decide(request), request, model)
    }

    /// The answer the evaluator's decision stands for in this task's answer style.
    func rightAnswer(for decision: Decision) -> AnswerSheet.PredictAnswer {
        switch check.answerStyle {
        case .allowDeny: return decision.isAllowed ? .allow : .deny
        case .decision: return AnswerSheet.PredictAnswer(rawValue: decision.outcome.rawValue) ?? .deny
        }
    }

    private func grade(_ scenario: PredictScenario, answer: AnswerSheet.PredictAnswer?) -> CheckOutcome {
        let id = "scenario:\(scenario.id)"
        guard let decided = decide(scenario) else {
            return CheckOutcome(id: id, passed: false, points: 0, message: "the lab names an unknown principal `\(scenario.principal)`")
        }
        let right = rightAnswer(for: decided.decision)
        let why = DecisionWording.why(decided.decision, request: decided.request, model: decided.model)
        guard let answer else {
            return CheckOutcome(id: id, passed: false, message: "`\(scenario.id)` is not answered yet: write `\(scenario.id): \(check.answerStyle == .allowDeny ? "allow or deny" : "allow, explicitDeny or implicitDeny")`")
        }
        if answer == right {
            return CheckOutcome(id: id, passed: true, message: "`\(scenario.id)`: \(right.rawValue), right: \(why)")
        }
        return CheckOutcome(id: id, passed: false, message: "`\(scenario.id)`: you answered \(answer.rawValue), but it is \(right.rawValue): \(why)")
    }
}

/// Why the evaluator decided a request as it did, in the section's terms.
enum DecisionWording {
    static func why(_ decision: Decision, request: AuthorizationRequest, model: EvaluationModel) -> String {
        func named(_ references: [StatementReference]) -> String {
            Wording.list(Wording.unique(references).map { "`\($0.statementName)` in \($0.policyName)" })
        }
        let allows = decision.matched.filter { $0.effect == .allow }
        switch decision.outcome {
        case .explicitDeny:
            return "\(named(decision.matched.filter { $0.effect == .deny })) denies it, and an explicit Deny wins over every Allow"
        case .allow:
            if decision.identityOnly {
                return "\(request.action) is account-level, so the identity policy alone decides it, and \(named(allows)) allows it"
            }
            if !request.principal.hasIdentityPolicies {
                return "this principal has no identity policy, so the repository policy alone decides, and \(named(allows)) allows it"
            }
            let sides = Set(allows.map(\.side))
            if sides.count == 2 { return "both sides allow it (\(named(allows))), and nothing denies it" }
            return "in the same account AWS needs only one side, and \(named(allows)) allows it while nothing denies it"
        case .implicitDeny:
            var missing: [String] = []
            for side in decision.missing {
                switch side {
                case .identity: missing.append("no identity policy allows it")
                case .repository: missing.append("the repository policy does not allow it for this principal")
                case .noRepositoryPolicy: missing.append("the repository has no policy")
                }
            }
            var rule = ""
            if !decision.identityOnly && request.principal.hasIdentityPolicies {
                if model == .and {
                    rule = "; under the AND rule both sides must allow"
                } else if !request.isSameAccount {
                    rule = "; across accounts AWS needs both sides to allow"
                } else if decision.missing.contains(.identity) && allows.contains(where: { $0.side == .repository }) {
                    rule = "; a repository policy that names only the account leaves the decision to IAM"
                }
            }
            return Wording.list(missing) + rule
        }
    }
}
