import Foundation
import LabKit
import PolicyCore
import ProgressStore

/// The learner's local, simulated registry: the section's console steps (Edit repository policy → Save,
/// Delete) with SetRepositoryPolicy's own validation, and docker's calls against what was applied.
public struct LocalRegistry: Sendable {
    public let session: LearnerSession

    public init(session: LearnerSession) { self.session = session }

    /// ECR's limit on the policy text of SetRepositoryPolicy.
    public static let policyCharacterLimit = 10_240
    /// ECR's own words when it refuses a policy text.
    public static let invalidPolicyMessage =
        "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'"
    public static let tooLongMessage =
        "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Member must have length less than or equal to 10240'"

    public enum SetOutcome: Sendable {
        case applied(warnings: [Finding])
        /// ECR refuses the policy: `message` is ECR's, `findings` say why in the learner's terms.
        case refused(message: String, findings: [Finding])
        /// No principal of the lab could change or remove the policy afterwards; `--force` applies it anyway.
        case wouldLockOut
    }

    public func key(_ repository: String) throws -> RepositoryKey {
        let environment = try session.environment()
        return RepositoryKey(name: repository, account: environment.account, region: environment.region)
    }

    public func setPolicy(_ text: String, fileName: String, on repository: String, force: Bool = false) throws -> SetOutcome {
        if text.count > Self.policyCharacterLimit {
            let finding = Finding(.error, "size", "the policy is \(text.count) characters, over ECR's limit of \(Self.policyCharacterLimit); remove statements or shorten action lists",
                                  at: .unknown)
            return .refused(message: Self.tooLongMessage, findings: [finding])
        }
        let parsed = ParsedPolicy(name: fileName, text: text)
        let report = Linter().lint(parsed, kind: .repository)
        if report.hasErrors {
            return .refused(message: Self.invalidPolicyMessage, findings: report.findings.filter { $0.severity == .error }.sortedBySource())
        }
        if !force, try locksOut(text, fileName: fileName, repository: repository) { return .wouldLockOut }
        try session.database.setRepositoryPolicy(text, on: try key(repository))
        return .applied(warnings: report.findings.filter { $0.severity != .error }.sortedBySource())
    }

    public func policy(of repository: String) throws -> String? {
        try session.database.repositoryPolicy(try key(repository))
    }

    /// False when the repository had no policy (ECR's RepositoryPolicyNotFoundException).
    public func deletePolicy(of repository: String) throws -> Bool {
        try session.database.deleteRepositoryPolicy(try key(repository))
    }

    public func events(of repository: String) throws -> [PolicyEvent] {
        try session.database.policyEvents(try key(repository))
    }

    /// Whether, with `text` applied, no principal of the lab could call SetRepositoryPolicy again.
    /// Decided under AWS's own rule, as the real registry would: in the same account an IAM allow is
    /// enough unless the repository policy denies explicitly, so only a real lock-out is flagged.
    func locksOut(_ text: String, fileName: String, repository: String) throws -> Bool {
        guard case .success(let policy) = CompiledPolicy.compile(name: fileName, text: text, side: .repository) else { return false }
        let environment = try session.environment()
        let arn = environment.repositoryARN(repository)
        for definition in session.pack.principals {
            let caller = LabCaller(definition, pack: session.pack, environment: environment)
            let authorizer = Authorizer(identityPolicies: caller.identityPolicies, repositoryPolicy: policy, model: .aws)
            let request = AuthorizationRequest(principal: caller.identity, action: "ecr:SetRepositoryPolicy", resource: arn,
                                               resourceAccount: environment.account, context: caller.context)
            if authorizer.decide(request).isAllowed { return false }
        }
        return true
    }

    // MARK: - Simulation

    public struct Simulation: Sendable {
        public var caller: LabCaller
        public var authorizer: Authorizer
        public var simulation: DockerSimulation
        /// Whether the repository had a policy applied.
        public var hasAppliedPolicy: Bool
    }

    /// docker's calls by a principal of the lab (by name, or by an ARN it has) or any other ARN, against
    /// the policy applied to `repository`.
    public func simulate(_ operation: DockerSimulation.Operation, as reference: String, repository: String? = nil,
                         model: EvaluationModel = .and, context extra: [String: [String]] = [:]) throws -> Simulation? {
        let environment = try session.environment()
        guard let caller = LabCaller.resolve(reference, pack: session.pack, environment: environment) else { return nil }
        let repository = repository ?? environment.repository
        var applied: CompiledPolicy?
        if let text = try policy(of: repository),
           case .success(let compiled) = CompiledPolicy.compile(name: "\(repository) (applied policy)", text: text, side: .repository) {
            applied = compiled
        }
        let authorizer = Authorizer(identityPolicies: caller.identityPolicies, repositoryPolicy: applied, model: model)
        let context = caller.context.merging(extra) { _, new in new }
        let simulation = DockerSimulation(operation, principal: caller.identity, repositoryARN: environment.repositoryARN(repository),
                                          authorizer: authorizer, context: context)
        return Simulation(caller: caller, authorizer: authorizer, simulation: simulation, hasAppliedPolicy: applied != nil)
    }
}

/// A caller as the evaluator sees it: a lab principal with its identity policies, or a bare ARN.
public struct LabCaller: Sendable {
    /// The lab's name for it; nil for an ARN the lab does not know.
    public var name: String?
    public var identity: PrincipalIdentity
    public var identityPolicies: [CompiledPolicy]
    public var identityPolicyFiles: [String]
    public var context: [String: [String]]

    init(_ definition: PrincipalDefinition, pack: LabPack, environment: LabEnvironment) {
        name = definition.name
        switch definition.identity {
        case .arn(let template):
            let arn = environment.expand(template)
            identity = PrincipalIdentity(arn) ?? PrincipalIdentity(arn: arn, kind: .user, account: nil, name: nil)
        case .service(let service):
            identity = PrincipalIdentity(service) ?? PrincipalIdentity(arn: service, kind: .service, account: nil, name: nil)
        case .anonymous:
            identity = .anonymous
        }
        identityPolicyFiles = definition.identityPolicies
        identityPolicies = definition.identityPolicies.compactMap { file in
            guard let source = pack.identityPolicies[file],
                  case .success(let policy) = CompiledPolicy.compile(
                      name: source.path, text: environment.retarget(policyText: source.text), side: .identity)
            else { return nil }
            return policy
        }
        context = definition.context(in: environment)
    }

    init(identity: PrincipalIdentity) {
        name = nil
        self.identity = identity
        identityPolicies = []
        identityPolicyFiles = []
        context = [:]
    }

    /// A lab principal by name or by its ARN for this learner; else any principal ARN, with no identity policies.
    public static func resolve(_ reference: String, pack: LabPack, environment: LabEnvironment) -> LabCaller? {
        if let definition = pack.principal(reference) { return LabCaller(definition, pack: pack, environment: environment) }
        if let definition = pack.principals.first(where: { $0.arn(in: environment) == reference }) {
            return LabCaller(definition, pack: pack, environment: environment)
        }
        return PrincipalIdentity(reference).map { LabCaller(identity: $0) }
    }
}
