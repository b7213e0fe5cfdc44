import Foundation
import Testing

/// Inputs sized to hurt: runaway nesting, a 50 MB file, 10,000 statements, a 10 KB glob. Every
/// command answers with a clear line and a non-zero exit (or a decision), and its output stays small.
@Suite struct OversizedInputCommandTests {
    let workspace: TemporaryWorkspace

    init() throws { workspace = try TemporaryWorkspace() }

    func explain(_ policy: String, as user: String = HostileFiles.user, resource: String = "*", model: String = "and") throws -> CommandResult {
        try workspace.run(["explain", "--principal", user, "--action", "ecr:PutImage", "--resource", resource,
                           "--repository-policy", policy, "--model", model])
    }

    @Test(arguments: [("arrays", String(repeating: "[", count: 100_000), "1:65"),
                      ("objects", String(repeating: #"{"a":"#, count: 100_000), "1:321")])
    func nestingOneHundredThousandDeepIsRefusedByEveryCommand(_ name: String, _ text: String, _ place: String) throws {
        try workspace.write(text, to: "deep.json")
        let lint = try workspace.run(["lint", "deep.json"])
        #expect(lint.exitCode == 1)
        #expect(lint.stdout.hasPrefix("deep.json:\(place): error[too-deep]: the JSON is nested more than 64 levels deep\n"))
        #expect(lint.stdout.utf8.count < 800, "the excerpt is a window, not the whole line")

        let explain = try explain("deep.json")
        #expect(explain.exitCode == 2)
        #expect(explain.stderr.hasPrefix("ecrlab: cannot evaluate `deep.json`: deep.json:\(place): the JSON is nested more than 64 levels deep\n"))

        let check = try workspace.run(["check", "4", "deep.json", "--no-record", "--labs", HostileFiles.labs])
        #expect(check.exitCode == 1)
        #expect(check.stdout.contains("deep.json:\(place): the JSON is nested more than 64 levels deep"))
    }

    @Test func aFiftyMegabyteFileIsRefusedWhereverItComesFrom() throws {
        try HostileFiles.sparse(50_000_000, at: "big.json", in: workspace)
        let lint = try workspace.run(["lint", "big.json"])
        #expect(lint.exitCode == 1)
        #expect(lint.stdout.hasPrefix("big.json:1:1: error[file-too-large]: the file is more than 1048576 bytes, the most ecrlab reads\n"))
        #expect(lint.stdout.utf8.count < 800)

        let explain = try explain("big.json")
        #expect(explain.exitCode == 2)
        #expect(explain.stderr.hasPrefix("ecrlab: cannot evaluate `big.json`: big.json:1:1: the file is more than 1048576 bytes"))

        let check = try workspace.run(["check", "4", "big.json", "--labs", HostileFiles.labs])
        #expect(check.exitCode == 2)
        #expect(check.stderr == "ecrlab: cannot read `big.json`: it is larger than 1 MiB, the most ecrlab reads; check that this is the right file\n")

        let lintInput = try HostileFiles.run(["lint", "-"], stdinFile: "big.json", in: workspace)
        #expect(lintInput.exitCode == 1)
        #expect(lintInput.stdout.hasPrefix("<stdin>:1:1: error[file-too-large]:"))
        let checkInput = try HostileFiles.run(["check", "4", "-", "--labs", HostileFiles.labs], stdinFile: "big.json", in: workspace)
        #expect(checkInput.exitCode == 2)
        #expect(checkInput.stderr == "ecrlab: cannot read `<stdin>`: it is larger than 1 MiB, the most ecrlab reads; check that this is the right file\n")

        try HostileFiles.sparse(50_000_000, at: "work/04-ci-push-pull.json", in: workspace)
        let workFile = try workspace.run(["check", "4", "--labs", HostileFiles.labs, "--db", "p.sqlite", "--learner", "ana"])
        #expect(workFile.exitCode == 2)
        #expect(workFile.stderr == "ecrlab: cannot read `work/04-ci-push-pull.json`: it is 50000000 bytes, over the 1 MiB a policy or answer file may have; check that this is the right file\n")
    }

    static func manyStatements(_ count: Int) -> String {
        let statements = (0..<count).map { index in
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/u\#(index)"},"Action":"ecr:\#(index % 2 == 0 ? "BatchGetImage" : "PutImage")"}"#
        }
        return #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
    }

    @Test func tenThousandStatementsAreLintedAndExplained() throws {
        let text = Self.manyStatements(10_000)
        #expect(text.utf8.count < 1 << 20)
        try workspace.write(text, to: "many.json")
        let lint = try workspace.run(["lint", "many.json"])
        #expect(lint.exitCode == 1)
        #expect(lint.stdout.hasPrefix("many.json:1:1: error[policy-too-large]: the policy is \(text.count) characters long: ECR accepts at most 10240 for a repository policy\n"))
        let findings = lint.stdout.split(separator: "\n").filter { $0.hasPrefix("many.json:") }.count
        #expect(findings > 1)
        #expect(lint.stdout.utf8.count < findings * 1_000, "\(lint.stdout.utf8.count) bytes for \(findings) findings")

        // The last statement decides: every one before it is looked at first.
        let allowed = try explain("many.json", as: "arn:aws:iam::111122223333:user/u9999", resource: HostileFiles.repository + "app", model: "aws")
        #expect(allowed.exitCode == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.hasPrefix("decision: allow (aws model)\n"))

    }

    @Test func tenThousandStatementsAreGraded() throws {
        try workspace.write(Self.manyStatements(10_000), to: "many.json")
        let check = try workspace.run(["check", "4", "many.json", "--no-record", "--labs", HostileFiles.labs])
        #expect(check.exitCode == 1)
        #expect(check.stdout.hasPrefix("not passed"))
        #expect(check.stdout.contains("characters"))
    }

    @Test(arguments: [(String(repeating: "*a", count: 5_000), false), (String(repeating: "*a", count: 5_000) + "*b", true),
                      ("*" + String(repeating: "a", count: 5_000) + "b", true), ("*" + String(repeating: "a", count: 5_000) + "c", false),
                      ("*" + String(repeating: "a?", count: 2_500) + "b", true)])
    func aTenKilobyteWildcardAgainstATenKilobyteARNIsDecided(_ pattern: String, _ matches: Bool) throws {
        try workspace.write(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:PutImage","Resource":"\#(HostileFiles.repository + pattern)"}]}"#, to: "glob.json")
        let resource = HostileFiles.repository + String(repeating: "a", count: 10_000) + "b"
        let result = try workspace.run(["explain", "--principal", HostileFiles.user, "--action", "ecr:PutImage", "--resource", resource,
                                        "--identity", "glob.json", "--model", "aws"])
        #expect(result.exitCode == (matches ? 0 : 1), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("decision: \(matches ? "allow" : "implicitDeny") (aws model)\n"), "\(result.stdout.prefix(200))")
    }
}
