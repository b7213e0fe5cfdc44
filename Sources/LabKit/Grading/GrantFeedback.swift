import PolicyCore

/// Turns decided requests into checks: one per expected-grant unit, one least-privilege check per
/// principal. Verdicts come from decisions only; the policy's text is read just to word the next step.
struct GrantFeedback {
    let world: LabWorld
    let check: PolicyCheck
    let decisions: GrantDecisions
    let learnerSide: StatementReference.Side
    /// The learner's policy as written, for wording advice (which principal entry let someone in).
    let policy: Policy?

    func rowChecks() -> [CheckOutcome] {
        let plan = GrantDecisions.plan(world: world, check: check)
        return plan.rowUnits.compactMap { unit in
            let requests = decisions.requests.filter {
                $0.requirement.row == unit.row && $0.requirement.verdict != .mayAllow && unit.actions.contains($0.action)
            }
            // Every action of the unit is decided by a more specific row: that row's check covers it.
            if requests.isEmpty { return nil }
            return unit.row.expectation == .allow ? grantCheck(unit, requests) : denyCheck(unit, requests)
        }
    }

    private func subject(_ actor: LabWorld.Actor) -> String {
        world.pack.probes.contains(actor.name) ? "\(actor.name), \(actor.definition.about)," : actor.name
    }

    private func onRepository(_ row: ExpectedGrant) -> String {
        guard let repository = row.repository, repository != world.pack.defaults.repository else { return "" }
        return " on \(repository)"
    }

    private func grantCheck(_ unit: GrantDecisions.RowUnit, _ requests: [GradedRequest]) -> CheckOutcome {
        let actor = requests[0].actor
        let refused = requests.filter { !$0.satisfied }
        guard !refused.isEmpty else {
            return CheckOutcome(id: unit.id, passed: true, message: "\(actor.name) can \(unit.label)\(onRepository(unit.row))")
        }
        let advice = refusalAdvice(refused)
        return CheckOutcome(
            id: unit.id, passed: false,
            message: "\(subject(actor)) cannot \(unit.label)\(onRepository(unit.row)): \(advice.text)",
            location: advice.location)
    }

    private func denyCheck(_ unit: GrantDecisions.RowUnit, _ requests: [GradedRequest]) -> CheckOutcome {
        let actor = requests[0].actor
        let allowed = requests.filter { !$0.satisfied }
        guard !allowed.isEmpty else {
            return CheckOutcome(id: unit.id, passed: true, message: "\(actor.name) cannot \(unit.label)\(onRepository(unit.row))",
                                severity: .security)
        }
        let what = unit.isGroup && allowed.count == requests.count ? unit.label : "call \(Wording.list(allowed.map(\.action)))"
        let through = allowingStatements(allowed)
        let because = unit.row.because.map { " (\($0))" } ?? ""
        let message = "\(subject(actor)) can \(what)\(onRepository(unit.row))\(through.text), but must not\(because): \(nextStep(actor, allowed))"
        return CheckOutcome(id: unit.id, passed: false, message: message, severity: .security, location: through.location)
    }

    func leastPrivilegeChecks() -> [CheckOutcome] {
        let plan = GrantDecisions.plan(world: world, check: check)
        return plan.principals.map { actor in
            let id = "least-privilege:\(actor.name)"
            let overGrants = decisions.requests.filter { $0.actor.name == actor.name && $0.requirement.row == nil && $0.allowed }
            guard !overGrants.isEmpty else {
                return CheckOutcome(id: id, passed: true, message: "\(actor.name) gets nothing beyond what the task asks for",
                                    severity: .security)
            }
            var actions: [String] = []
            for request in overGrants where !actions.contains(request.action) { actions.append(request.action) }
            let through = allowingStatements(overGrants)
            let message = "\(subject(actor)) can \(Wording.actions(actions, groups: world.pack.actionGroups))\(reach(overGrants))\(through.text): \(nextStep(actor, overGrants))"
            return CheckOutcome(id: id, passed: false, message: message, severity: .security, location: through.location)
        }
    }

    /// " on fcj-shared-images" when an identity policy reaches a repository the task keeps out of reach.
    private func reach(_ requests: [GradedRequest]) -> String {
        let repositories = Set(requests.compactMap(\.repository)).subtracting([world.pack.defaults.repository])
        return repositories.isEmpty ? "" : " on \(Wording.list(repositories.sorted()))"
    }

    /// The learner's Allow statements that let the requests through.
    private func allowingStatements(_ requests: [GradedRequest]) -> (text: String, location: CheckLocation?) {
        let statements = Wording.unique(requests.flatMap {
            $0.decision.matched.filter { $0.side == learnerSide && $0.effect == .allow }
        })
        guard !statements.isEmpty else { return ("", nil) }
        return (" through \(Wording.statements(statements))", Wording.location(statements.first))
    }

    /// What to change so that the principal loses what it must not have.
    private func nextStep(_ actor: LabWorld.Actor, _ requests: [GradedRequest]) -> String {
        let needsSomething = decisions.requests.contains { $0.actor.name == actor.name && $0.requirement.verdict == .mustAllow }
        if learnerSide == .identity {
            let outside = requests.contains { $0.repository != nil && $0.repository != world.pack.defaults.repository }
            return outside
                ? "narrow its Resource to the repository ARN it needs"
                : "keep only the actions the task asks for in its Action list"
        }
        if needsSomething {
            if let shared = sharedStatement(actor, requests) {
                return "give \(actor.name) a statement of its own: `\(shared.statement.statementName)` also serves \(shared.other)"
            }
            return "keep only the actions it needs in the Action list (a pattern such as `ecr:*` grants far more)"
        }
        if actor.identity.kind == .service, !actor.definition.context.isEmpty {
            // The same service acts for everyone: only the context it brings tells the callers apart.
            let keys = Wording.list(actor.definition.context.map { "`\($0.key)`" })
            return "add a Condition on \(keys) so that only the approved caller matches"
        }
        return "limit the Principal\(principalReason(actor, requests))"
    }

    /// An allowing statement that also serves another principal who needs those very actions.
    private func sharedStatement(_ actor: LabWorld.Actor, _ requests: [GradedRequest]) -> (statement: StatementReference, other: String)? {
        for request in requests {
            for statement in request.decision.matched where statement.side == learnerSide && statement.effect == .allow {
                let others = decisions.requests.filter {
                    $0.actor.name != actor.name && $0.action == request.action && $0.requirement.verdict == .mustAllow
                        && learnerStatements.admits(statement.statementIndex, $0.actor) == true
                }
                if let other = others.first { return (statement, other.actor.name) }
            }
        }
        return nil
    }

    /// Why the Principal lets this one in: `*`, its whole account, or NotPrincipal.
    private func principalReason(_ actor: LabWorld.Actor, _ requests: [GradedRequest]) -> String {
        guard let policy else { return "" }
        let indexes = Set(requests.flatMap { $0.decision.matched.filter { $0.side == learnerSide && $0.effect == .allow } }
            .map(\.statementIndex))
        let statements = policy.statements.filter { indexes.contains($0.index) }
        if statements.contains(where: { $0.principal?.isNegated == true }) {
            return ": `NotPrincipal` with Allow lets in everyone it does not list; name the principals in `Principal` instead"
        }
        let entries = statements.flatMap { $0.principal?.entries ?? [] }
        if entries.contains(where: { $0.kind == .everyone || $0.value.value.trimmingCharacters(in: .whitespaces) == "*" }) {
            return ": `*` lets in every AWS account and anonymous callers"
        }
        if let account = actor.identity.account,
           entries.contains(where: { $0.value.value == account || $0.value.value.hasSuffix(":\(account):root") }) {
            return ": naming the account lets in every user and role of it whose IAM policy allows the call; name the user or role ARN instead"
        }
        return ""
    }

    /// "ecr:X is not in the Action list of `S` in f (line 9): add it there", one clause per distinct reason,
    /// the actions sharing a reason listed together.
    private func refusalAdvice(_ requests: [GradedRequest]) -> (text: String, location: CheckLocation?) {
        let token = "\u{1}"
        var reasons: [(advice: String, actions: [String], repository: String?)] = []
        for request in requests {
            let advice = refusalAdvice(request, token: token)
            if let index = reasons.firstIndex(where: { $0.advice == advice }) {
                reasons[index].actions.append(request.action)
            } else {
                reasons.append((advice, [request.action], request.decision.identityOnly ? nil : world.environment.repositoryARN(request.repository)))
            }
        }
        let text = reasons.map { reason in
            var advice = reason.advice
            if reason.actions.count > 1 {
                advice = advice.replacingOccurrences(of: "\(token) is not in", with: "\(token) are not in")
                    .replacingOccurrences(of: "add it there", with: "add them there")
                    .replacingOccurrences(of: "allows it to `", with: "allows them to `")
            }
            if advice.hasSuffix("check its Resource ARN"), let repository = reason.repository {
                advice += " (the repository is `\(repository)`)"
            }
            return advice.replacingOccurrences(of: token, with: Wording.list(reason.actions))
        }.joined(separator: "; ")
        let location = Wording.location(RefusalCause.statement(focused(requests[0]), side: learnerSide))
        return (text, location)
    }

    /// `RefusalAdvice` on the statements that concern this principal, with the principal named.
    private func refusalAdvice(_ request: GradedRequest, token: String) -> String {
        guard var advice = RefusalAdvice.advice(for: focused(request), action: token) else { return "\(token) is refused" }
        let arn = Self.principalValue(request.actor.identity)
        advice = advice.replacingOccurrences(of: "does not name this principal: add its ARN to the Principal",
                                             with: "does not name \(request.actor.name): add `\(arn)` to its Principal")
        advice = advice.replacingOccurrences(of: "for this principal: add one",
                                             with: "for \(request.actor.name): add a statement that allows it to `\(arn)`")
        return advice
    }

    /// The explanation without the learner's Allow statements that are about someone else: "add the action
    /// to `CI`" is wrong advice when `CI` names another principal.
    private func focused(_ request: GradedRequest) -> Explanation {
        var explanation = request.explanation
        explanation.statements = explanation.statements.filter { trace in
            guard trace.statement.side == learnerSide, trace.statement.effect == .allow,
                  trace.result == .actionNotListed || trace.result == .actionExcluded else { return true }
            return learnerStatements.admits(trace.statement.statementIndex, request.actor) != false
        }
        return explanation
    }

    /// What a learner writes in a Principal for this caller.
    static func principalValue(_ identity: PrincipalIdentity) -> String {
        switch identity.kind {
        case .service: return identity.arn
        case .anonymous: return "*"
        default: return identity.principalARN
        }
    }

    var learnerStatements: LearnerStatements { LearnerStatements(policy: policy, side: learnerSide) }
}

/// The learner's statements as written, to tell whom each one is about.
struct LearnerStatements {
    let policy: Policy?
    let side: StatementReference.Side

    /// Whether the statement's Principal covers the caller; nil when it has none (identity policies).
    func admits(_ index: Int, _ actor: LabWorld.Actor) -> Bool? {
        guard side == .repository, let statement = statement(index), let principal = statement.principal else { return nil }
        let listed = principal.entries.contains { entry in
            (try? PrincipalPattern.parse(entry).get())?.matches(actor.identity) == true
        }
        return listed != principal.isNegated
    }

    /// The statement with this index. Statements are in index order (an item that is not an object
    /// leaves a gap), so a binary search finds it: asked once per statement of a 10,000-statement
    /// policy, a linear scan made feedback quadratic.
    private func statement(_ index: Int) -> Statement? {
        guard let statements = policy?.statements else { return nil }
        var low = 0
        var high = statements.count
        while low < high {
            let middle = (low + high) / 2
            if statements[middle].index < index { low = middle + 1 } else { high = middle }
        }
        return low < statements.count && statements[low].index == index ? statements[low] : nil
    }
}

/// The learner's statement a refusal advice points at, found in the same order `RefusalAdvice` looks.
enum RefusalCause {
    static func statement(_ explanation: Explanation, side: StatementReference.Side) -> StatementReference? {
        let decision = explanation.decision
        if decision.outcome == .explicitDeny {
            return decision.matched.first { $0.effect == .deny && $0.side == side }
        }
        let allows = explanation.statements.filter { $0.statement.side == side && $0.statement.effect == .allow }
        let order: [(StatementTrace.Result) -> Bool] = [
            { $0 == .actionNotListed },
            { if case .conditionFalse = $0 { return true } else { return false } },
            { $0 == .resourceNotListed },
            { $0 == .principalNotListed },
        ]
        for test in order {
            if let trace = allows.first(where: { test($0.result) }) { return trace.statement }
        }
        return nil
    }
}
