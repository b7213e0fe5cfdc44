import ArgumentParser
import PolicyCore
import Workshop

extension DockerSimulation.Operation: ExpressibleByArgument {}

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the ECR calls of docker login + push or pull, each decided, stopping where docker would.",
        discussion: """
            Without --identity and --repository-policy, the caller is a principal of the lab (by name, such as \
            fcj-developer, or by its ARN) with its identity policies from the lab, and the repository policy is \
            the one applied with `ecrlab repo set-policy`. \
            Exit codes: 0 every call allowed, 1 a call refused, 2 a policy could not be read or evaluated.
            """)

    @Argument(help: "push or pull.")
    var operation: DockerSimulation.Operation

    @Option(name: .customLong("as"), help: "The caller: a principal of the lab by name, an IAM user or role ARN, a role session ARN, or a service principal.")
    var principal: String

    @OptionGroup var policies: PolicyFileOptions

    @Option(help: "The repository name.")
    var repo: String = "fcj-workshop-app"

    @Option(help: "The repository's region.")
    var region: String = "us-east-1"

    @Option(help: "The account that owns the repository (default: the caller's account).")
    var repositoryAccount: String?

    @OptionGroup var context: ContextOptions

    @Option(help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions

    /// No policy files named: the lab's principals and the locally applied policy decide.
    var usesLab: Bool { policies.identityFiles.isEmpty && policies.repositoryFile == nil }

    func validate() throws {
        if usesLab { return }
        guard let identity = PrincipalIdentity(principal), identity.kind != .anonymous || principal == "anonymous" else {
            throw ValidationError("`\(principal)` is not a principal: give a user or role ARN such as arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user")
        }
        if let repositoryAccount, repositoryAccount.count != 12 || !repositoryAccount.allSatisfy(\.isNumber) {
            throw ValidationError("`\(repositoryAccount)` is not an account id: give 12 digits")
        }
        if repo.isEmpty || repo.contains(where: { $0.isWhitespace }) {
            throw ValidationError("`\(repo)` is not a repository name")
        }
    }

    func run() throws {
        let console = Console(color: color)
        let context = try self.context.values()
        if usesLab {
            try runInLab(console: console, context: context)
            return
        }
        let authorizer = try policies.authorizer(console: console)
        let identity = PrincipalIdentity(principal)!
        let account = repositoryAccount ?? identity.account ?? "111122223333"
        let repositoryARN = "arn:aws:ecr:\(region):\(account):repository/\(repo)"
        let simulation = DockerSimulation(
            operation, principal: identity, repositoryARN: repositoryARN, authorizer: authorizer, context: context)
        console.write(SimulationRenderer().text(simulation, operation: operation, authorizer: authorizer))
        if !simulation.succeeded { throw ExitCode.checkFailed }
    }

    private func runInLab(console: Console, context: [String: [String]]) throws {
        let session = try LearnerOptions.session(labs: labs, store: store, console: console)
        let registry = LocalRegistry(session: session)
        guard let run = try console.attempt({
            try registry.simulate(operation, as: principal, repository: repo, model: policies.model, context: context)
        }) else {
            let names = session.pack.principals.map(\.name).joined(separator: ", ")
            console.error("`\(principal)` is neither a principal of the lab nor an ARN; the lab's principals are: \(names)")
            throw ExitCode.validationFailure
        }
        if !run.hasAppliedPolicy {
            console.note("`\(repo)` has no policy applied, so IAM alone decides; apply one with `ecrlab repo set-policy \(repo) FILE`")
        }
        if run.caller.name == nil {
            console.note("`\(principal)` is not a principal of the lab: it has no identity policies here")
        }
        console.write(SimulationRenderer().text(run.simulation, operation: operation, authorizer: run.authorizer))
        if !run.simulation.succeeded { throw ExitCode.checkFailed }
    }
}
