import PolicyCore

/// Grades a policy task: the lint gates, then every expected grant, then least privilege for every
/// graded principal, all decided by the evaluator with the learner's policy in place.
struct PolicyGrader {
    let world: LabWorld
    let check: PolicyCheck

    var learnerSide: StatementReference.Side { check.policyKind == .identity ? .identity : .repository }

    func grade(_ submission: Submission) -> [CheckOutcome] {
        let parsed = ParsedPolicy(name: submission.fileName, text: submission.text)
        var checks = LintGates(gates: check.lint, kind: check.policyKind).checks(parsed)
        switch CompiledPolicy.compile(parsed, side: learnerSide) {
        case .failure(let invalid):
            checks += notEvaluated(invalid, file: submission.fileName)
        case .success(let policy):
            let decisions = GrantDecisions(world: world, check: check, learnerPolicy: policy)
            let feedback = GrantFeedback(world: world, check: check, decisions: decisions, learnerSide: learnerSide,
                                         policy: parsed.policy)
            checks += feedback.rowChecks() + feedback.leastPrivilegeChecks()
        }
        return checks
    }

    /// A policy AWS would refuse cannot be evaluated: every grant check fails, pointing at the first reason.
    private func notEvaluated(_ invalid: CompiledPolicy.Invalid, file: String) -> [CheckOutcome] {
        let first = invalid.findings[0]
        let more = invalid.findings.count > 1 ? " (and \(invalid.findings.count - 1) more)" : ""
        let message = "not checked yet: the policy cannot be evaluated (\(first.message)\(more)); fix that first"
        let location = CheckLocation(file: file, line: first.range.start.line, column: first.range.start.column)
        let plan = GrantDecisions.plan(world: world, check: check)
        return (plan.rowUnits.map(\.id) + plan.principals.map { "least-privilege:\($0.name)" }).map {
            CheckOutcome(id: $0, passed: false, message: message, location: location)
        }
    }
}

/// One graded request with what the task requires of it and what the evaluator decided.
struct GradedRequest {
    let actor: LabWorld.Actor
    let action: String
    /// nil for account-scoped actions, decided on `*`.
    let repository: String?
    let requirement: GrantRequirement
    let decision: Decision
    let decider: Authorizer
    let request: AuthorizationRequest

    /// The full trace, worked out only where feedback needs it: most requests pass silently.
    var explanation: Explanation { decider.explain(request) }
    var allowed: Bool { decision.isAllowed }
    var satisfied: Bool {
        switch requirement.verdict {
        case .mustAllow: return allowed
        case .mustDeny: return !allowed
        case .mayAllow: return true
        }
    }
}

/// Every request the task grades, decided once: each graded principal × each ECR action of the
/// catalogue × each repository the learner's policy can reach.
struct GrantDecisions {
    let requests: [GradedRequest]

    /// The checks a task has, known without a policy: used too when the policy cannot be evaluated.
    struct Plan {
        let principals: [LabWorld.Actor]
        let rowUnits: [RowUnit]
    }

    /// One check of an `expect` row: a group of the row, or the row's named actions and patterns together.
    struct RowUnit {
        let id: String
        let row: ExpectedGrant
        /// `push`, or `ecr:PutImage and ecr:InitiateLayerUpload`.
        let label: String
        let actions: [String]
        let isGroup: Bool
    }

    static func plan(world: LabWorld, check: PolicyCheck) -> Plan {
        world.memo.value("plan|\(world.task.id)") { makePlan(world: world, check: check) }
    }

    private static func makePlan(world: LabWorld, check: PolicyCheck) -> Plan {
        let principals = world.pack.gradedPrincipals(for: world.task).map(world.actor)
        var units: [RowUnit] = []
        var seen: [String: Int] = [:]
        for row in check.expect {
            var parts: [(label: String, references: [ActionReference], isGroup: Bool)] = []
            let groups = row.actions.filter { if case .group = $0 { return true } else { return false } }
            let others = row.actions.filter { if case .group = $0 { return false } else { return true } }
            for group in groups { parts.append((group.description, [group], true)) }
            if !others.isEmpty { parts.append((others.map(\.description).joined(separator: "+"), others, false)) }
            for part in parts {
                var id = "\(row.expectation == .allow ? "grant" : "deny"):\(row.principal):\(part.label)"
                if let repository = row.repository, repository != world.pack.defaults.repository { id += "@\(repository)" }
                seen[id, default: 0] += 1
                if let count = seen[id], count > 1 { id += "#\(count)" }
                let actions = world.pack.expand(part.references)
                let label = part.isGroup ? part.label : "call \(Wording.list(actions))"
                units.append(RowUnit(id: id, row: row, label: label, actions: actions, isGroup: part.isGroup))
            }
        }
        return Plan(principals: principals, rowUnits: units)
    }

    /// One graded request, known before any submission: who asks what, and what the task requires.
    struct Entry {
        let actor: LabWorld.Actor
        let action: String
        let repository: String?
        let requirement: GrantRequirement
        let request: AuthorizationRequest
        /// Which principal × repository setup decides it, and whether the identity policy is judged alone.
        let setup: Int
        let alone: Bool
        /// What the lab's own identity policies say, when the learner's policy is not among them.
        let identity: Authorizer.IdentityVerdict?
    }

    /// The entries of a task, in grading order; the same for every submission, so worked out once.
    static func entries(world: LabWorld, check: PolicyCheck) -> [Entry] {
        world.memo.value("entries|\(world.task.id)") {
            let principals = plan(world: world, check: check).principals
            let isIdentityTask = check.policyKind == .identity
            var entries: [Entry] = []
            for (actorIndex, actor) in principals.enumerated() {
                let learnerIsIdentity = isIdentityTask && actor.name == check.attachTo
                let labIdentity = learnerIsIdentity
                    ? nil : Authorizer(identityPolicies: world.identityPolicies(of: actor.definition), repositoryPolicy: nil)
                for (setupIndex, setup) in check.repositories.enumerated() {
                    let learnerDecides = learnerIsIdentity || setup.holdsLearnerPolicy
                    let isFirst = setupIndex == 0
                    for action in ECRActionNames.all {
                        let accountScoped = ECRActionNames.isAccountScoped(action)
                        // Account-scoped actions are decided once, on `*`, by identity policies alone.
                        if accountScoped && !isFirst { continue }
                        let repository = accountScoped ? nil : setup.name
                        let requirement = check.requirement(principal: actor.name, action: action, repository: repository, in: world.pack)
                        // What the learner's policy cannot change is graded only where a row asks for it.
                        let learnerAffects = learnerDecides && !(accountScoped && !learnerIsIdentity)
                        if !learnerAffects && (requirement.row == nil || requirement.verdict == .mayAllow) { continue }
                        let request = world.request(actor, action, repository: repository)
                        entries.append(
                            Entry(actor: actor, action: action, repository: repository, requirement: requirement,
                                  request: request, setup: actorIndex * check.repositories.count + setupIndex,
                                  alone: learnerIsIdentity && requirement.row == nil,
                                  identity: labIdentity?.identityVerdict(request)))
                    }
                }
            }
            return entries
        }
    }

    init(world: LabWorld, check: PolicyCheck, learnerPolicy: CompiledPolicy) {
        let principals = Self.plan(world: world, check: check).principals
        let isIdentityTask = check.policyKind == .identity
        // One authorizer per principal × repository setup, with the learner's policy in its place.
        var authorizers: [(decider: Authorizer, alone: Authorizer)] = []
        for actor in principals {
            let learnerIsIdentity = isIdentityTask && actor.name == check.attachTo
            let identities = learnerIsIdentity ? [learnerPolicy] : world.identityPolicies(of: actor.definition)
            for setup in check.repositories {
                let repositoryPolicy = setup.holdsLearnerPolicy ? learnerPolicy : world.repositoryPolicy(named: setup.policy)
                // Least privilege of an identity policy is what it allows by itself: a repository policy
                // that happens to refuse the rest must not hide `ecr:*` on the repository ARN.
                authorizers.append((
                    Authorizer(identityPolicies: identities, repositoryPolicy: repositoryPolicy, model: world.task.model),
                    Authorizer(identityPolicies: identities, repositoryPolicy: Self.repositoryAllowingEverything, model: .and)))
            }
        }
        requests = Self.entries(world: world, check: check).map { entry in
            let decider = entry.alone ? authorizers[entry.setup].alone : authorizers[entry.setup].decider
            return GradedRequest(actor: entry.actor, action: entry.action, repository: entry.repository,
                                 requirement: entry.requirement, decision: decider.decide(entry.request, identity: entry.identity),
                                 decider: decider, request: entry.request)
        }
    }

    /// The repository side of an identity policy's least-privilege check: it lets the identity policy decide.
    static let repositoryAllowingEverything: CompiledPolicy? = try? CompiledPolicy.compile(
        name: "a repository policy that allows everything",
        text: #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]}"#,
        side: .repository).get()
}
