import ArgumentParser
import Foundation
import PolicyCore
import Workshop

struct Repo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The section's console steps on your local repository: set, get or delete its policy.",
        subcommands: [SetPolicy.self, GetPolicy.self, DeletePolicy.self])

    struct SetPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-policy",
            abstract: "Apply a repository policy (Edit repository policy → Save), validated as ECR does.",
            discussion: "Exit codes: 0 applied, 1 refused (ECR's message and the reasons), 2 the file could not be read.")

        @Argument(help: "The repository, e.g. fcj-workshop-app.")
        var repo: String

        @Argument(help: "The policy file, e.g. work/04-ci-push-pull.json.")
        var file: String

        @Flag(help: "Apply even a policy that leaves no principal able to change it again.")
        var force = false

        @OptionGroup var options: LearnerOptions

        func run() throws {
            let console = options.console
            let session = try options.session(console: console)
            let input: InputFile
            let text: String
            do {
                input = try InputFile.read(file)
                text = try input.text(then: "try again")
            } catch {
                console.error(error.message)
                throw ExitCode.unusableInput
            }
            let registry = LocalRegistry(session: session)
            switch try console.attempt({ try registry.setPolicy(text, fileName: input.name, on: repo, force: force) }) {
            case .applied(let warnings):
                for finding in warnings {
                    console.note("\(input.name):\(finding.range.start.line):\(finding.range.start.column): \(finding.severity.rawValue): \(finding.message)")
                }
                console.write("policy applied to \(repo) (\(text.count) characters). Try it: `ecrlab simulate push --as fcj-ecr-ci-cd-user`\n")
            case .refused(let message, let findings):
                console.error("SetRepositoryPolicy refused: \(message)")
                for finding in findings {
                    let place = finding.range == .unknown ? input.name : "\(input.name):\(finding.range.start.line):\(finding.range.start.column)"
                    console.note("\(place): \(finding.message)")
                }
                console.note("nothing was applied; fix the policy (`ecrlab lint \(input.name)`) and try again")
                throw ExitCode.checkFailed
            case .wouldLockOut:
                console.error("with this policy no principal of the lab could change or delete it again (every ecr:SetRepositoryPolicy is denied); nothing was applied. Add `--force` if that is what you want")
                throw ExitCode.checkFailed
            }
        }
    }

    struct GetPolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get-policy", abstract: "Print the policy applied to a repository.")

        @Argument(help: "The repository, e.g. fcj-workshop-app.")
        var repo: String

        @OptionGroup var options: LearnerOptions

        func run() throws {
            let console = options.console
            let session = try options.session(console: console)
            guard let text = try console.attempt({ try LocalRegistry(session: session).policy(of: repo) }) else {
                console.error("RepositoryPolicyNotFoundException: `\(repo)` has no policy; apply one with `ecrlab repo set-policy \(repo) FILE`")
                throw ExitCode.checkFailed
            }
            console.write(text.hasSuffix("\n") ? text : text + "\n")
        }
    }

    struct DeletePolicy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete-policy", abstract: "Remove the policy applied to a repository.")

        @Argument(help: "The repository, e.g. fcj-workshop-app.")
        var repo: String

        @OptionGroup var options: LearnerOptions

        func run() throws {
            let console = options.console
            let session = try options.session(console: console)
            guard try console.attempt({ try LocalRegistry(session: session).deletePolicy(of: repo) }) else {
                console.error("RepositoryPolicyNotFoundException: `\(repo)` has no policy to delete")
                throw ExitCode.checkFailed
            }
            console.write("policy removed from \(repo): only IAM decides now.\n")
        }
    }
}
