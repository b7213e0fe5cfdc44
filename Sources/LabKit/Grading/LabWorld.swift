import PolicyCore

/// Everything a task is graded in, built from the pack for one learner's account: who the principals
/// are, which identity and repository policies are attached, compiled once per grading.
final class LabWorld {
    let pack: LabPack
    let task: LabTask
    let environment: LabEnvironment
    private(set) var labProblems = LabProblems()
    let memo: GradingMemo

    init(pack: LabPack, task: LabTask, environment: LabEnvironment, memo: GradingMemo = GradingMemo()) {
        self.pack = pack
        self.task = task
        self.environment = environment
        self.memo = memo
    }

    /// A principal of the task, as the evaluator sees it.
    struct Actor {
        let definition: PrincipalDefinition
        let identity: PrincipalIdentity
        /// Extra request context the principal brings (`aws:SourceArn` for a service…); the global keys
        /// AWS derives from the principal are added by `AuthorizationRequest`.
        let context: [String: [String]]
        var name: String { definition.name }
    }

    func actor(_ definition: PrincipalDefinition) -> Actor {
        let identity: PrincipalIdentity
        switch definition.identity {
        case .arn(let template):
            let arn = environment.expand(template)
            identity = PrincipalIdentity(arn) ?? PrincipalIdentity(arn: arn, kind: .user, account: nil, name: nil)
        case .service(let name):
            identity = PrincipalIdentity(name) ?? PrincipalIdentity(arn: name, kind: .service, account: nil, name: nil)
        case .anonymous:
            identity = .anonymous
        }
        return Actor(definition: definition, identity: identity, context: definition.context(in: environment))
    }

    func actor(named name: String) -> Actor? { pack.principal(name, in: task).map(actor) }

    /// The principal's own identity policies from the pack, re-targeted at the learner's account.
    func identityPolicies(of definition: PrincipalDefinition) -> [CompiledPolicy] {
        identityPolicies(named: definition.identityPolicies)
    }

    func identityPolicies(named files: [String]) -> [CompiledPolicy] {
        files.compactMap { labPolicy($0, from: pack.identityPolicies, side: .identity) }
    }

    func repositoryPolicy(named file: String?) -> CompiledPolicy? {
        file.flatMap { labPolicy($0, from: pack.repositoryPolicies, side: .repository) }
    }

    /// `*` for account-scoped actions (login), which no repository policy can decide; the repository ARN otherwise.
    func resource(for action: String, repository: String?) -> String {
        ECRActionNames.isAccountScoped(action) ? "*" : environment.repositoryARN(repository)
    }

    func request(_ actor: Actor, _ action: String, repository: String?) -> AuthorizationRequest {
        AuthorizationRequest(
            principal: actor.identity, action: action, resource: resource(for: action, repository: repository),
            resourceAccount: environment.account, context: actor.context)
    }

    private func labPolicy(_ file: String, from files: [String: TextFile], side: StatementReference.Side) -> CompiledPolicy? {
        let compiled: Result<CompiledPolicy, LabPolicyProblem> = memo.value("policy|\(side.rawValue)/\(file)") {
            guard let source = files[file] else { return .failure(LabPolicyProblem(message: "`\(file)` is not a policy of the lab pack")) }
            switch CompiledPolicy.compile(name: source.path, text: environment.retarget(policyText: source.text), side: side) {
            case .success(let policy): return .success(policy)
            case .failure(let invalid):
                return .failure(LabPolicyProblem(message: "`\(source.path)` cannot be evaluated: \(invalid.summary)"))
            }
        }
        switch compiled {
        case .success(let policy): return policy
        case .failure(let problem):
            labProblems.add(problem.message)
            return nil
        }
    }
}

struct LabPolicyProblem: Error {
    let message: String
}

/// Problems in the pack's own files found while grading. They fail the grade rather than being
/// silently skipped: grading with a policy missing would give a wrong verdict.
struct LabProblems {
    private(set) var messages: [String] = []

    mutating func add(_ message: String) {
        if !messages.contains(message) { messages.append(message) }
    }

    var checks: [CheckOutcome] {
        messages.enumerated().map { index, message in
            CheckOutcome(id: "lab:problem-\(index + 1)", passed: false, points: 0,
                         message: "the lab itself is broken, tell your instructor: \(message)")
        }
    }
}
