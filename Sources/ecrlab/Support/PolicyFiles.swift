import ArgumentParser
import PolicyCore

extension EvaluationModel: ExpressibleByArgument {}

/// `--identity` and `--repository-policy`, shared by `explain` and `simulate`.
struct PolicyFileOptions: ParsableArguments {
    @Option(name: .customLong("identity"), help: "An identity policy of the principal (repeat for several).")
    var identityFiles: [String] = []

    @Option(name: .customLong("repository-policy"), help: "The repository policy.")
    var repositoryFile: String?

    @Option(help: "How the policies combine: and (the workshop's rule) or aws (AWS's own).")
    var model: EvaluationModel = .and

    /// Reads and compiles every file; reports each problem on standard error and exits 2 when a
    /// file cannot be read or a policy cannot be evaluated.
    func authorizer(console: Console) throws -> Authorizer {
        var failed = false
        func load(_ path: String, side: StatementReference.Side) -> CompiledPolicy? {
            let input: InputFile
            do {
                input = try InputFile.read(path)
            } catch {
                console.error(error.message)
                failed = true
                return nil
            }
            switch CompiledPolicy.compile(ParsedPolicy(name: input.name, bytes: input.bytes), side: side) {
            case .success(let policy):
                return policy
            case .failure(let invalid):
                for finding in invalid.findings {
                    console.error(
                        "cannot evaluate `\(invalid.policyName)`: \(invalid.policyName):\(finding.range.start.line):\(finding.range.start.column): \(finding.message)")
                }
                failed = true
                return nil
            }
        }
        let identities = identityFiles.compactMap { load($0, side: .identity) }
        let repository = repositoryFile.flatMap { load($0, side: .repository) }
        if failed {
            console.note("fix the policy (`ecrlab lint FILE` lists every problem) and run again")
            throw ExitCode.unusableInput
        }
        return Authorizer(identityPolicies: identities, repositoryPolicy: repository, model: model)
    }
}
