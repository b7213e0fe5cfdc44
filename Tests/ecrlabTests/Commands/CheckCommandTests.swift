import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `ecrlab check` and `ecrlab labs verify` run as a learner and an instructor run them.
@Suite struct CheckCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labs = packageRoot.appendingPathComponent("labs").path

    let workspace: TemporaryWorkspace

    init() throws {
        workspace = try TemporaryWorkspace()
        let solution = try String(contentsOf: Self.packageRoot.appendingPathComponent("solutions/04-ci-push-pull/policy.json"), encoding: .utf8)
        try workspace.write(solution, to: "work/04-ci-push-pull.json")
        try workspace.write(PolicyFixtures.sectionWithPlaceholder, to: "work/placeholder.json")
        try workspace.write(PolicyFixtures.publicPull, to: "work/public.json")
        try workspace.write("q1: b\nq2: a\nq3: [a, c, d]\nq4: a\n", to: "work/01.yaml")
    }

    @Test func aPassingPolicyExitsZero() throws {
        let result = try workspace.run(["check", "4", "work/04-ci-push-pull.json", "--labs", Self.labs])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "passed 13/13: 04-ci-push-pull\nall 13 checks passed: 4 lint, 2 grant, 2 deny, 5 least-privilege\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func theLabsFolderIsFoundFromTheExecutableWhenTheCurrentFolderHasNone() throws {
        let result = try workspace.run(["check", "04-ci-push-pull", "work/04-ci-push-pull.json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
    }

    @Test func aFailingPolicyExitsOneWithOneLinePerReason() throws {
        let result = try workspace.run(["check", "04", "work/placeholder.json", "--labs", Self.labs])
        #expect(result.exitCode == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "not passed 3/13: 04-ci-push-pull")
        #expect(lines[1].hasPrefix("  work/placeholder.json:8:30: `<YOUR_AWS_ACCOUNT_ID>` is a placeholder"))
        #expect(lines.last == "passed 3 of 13 checks: 3 lint")
    }

    @Test func overGrantsAreReportedInJSON() throws {
        let result = try workspace.run(["check", "4", "work/public.json", "--format", "json", "--labs", Self.labs])
        #expect(result.exitCode == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["task"] as? String == "04-ci-push-pull")
        #expect(object["passed"] as? Bool == false)
        let checks = try #require(object["checks"] as? [[String: Any]])
        let anonymous = try #require(checks.first { $0["id"] as? String == "least-privilege:anonymous" })
        #expect(anonymous["passed"] as? Bool == false)
        #expect(anonymous["severity"] as? String == "security")
        #expect((anonymous["message"] as? String)?.contains("can pull, and call ecr:BatchCheckLayerAvailability through `PublicPull`") == true)
    }

    @Test func junitIsWellFormed() throws {
        let result = try workspace.run(["check", "4", "work/public.json", "--format", "junit", "--labs", Self.labs])
        #expect(result.exitCode == 1)
        #expect(result.stdout.hasPrefix("<?xml"))
        #expect(XMLParser(data: Data(result.stdout.utf8)).parse())
        #expect(result.stdout.contains("<failure type=\"security\""))
    }

    @Test func answerFilesAreGradedToo() throws {
        let result = try workspace.run(["check", "1", "work/01.yaml", "--labs", Self.labs])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("passed 4/4: 01-what-a-repository-policy-is\n"))
    }

    @Test func unusableInputExitsTwo() throws {
        let missing = try workspace.run(["check", "4", "work/missing.json", "--labs", Self.labs])
        #expect(missing.exitCode == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr == "ecrlab: cannot read `work/missing.json`: no such file or directory\n")

        let unknown = try workspace.run(["check", "42", "work/04-ci-push-pull.json", "--labs", Self.labs])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.hasPrefix("ecrlab: there is no task `42`; the tasks are: 01-what-a-repository-policy-is, 02-"))

        try workspace.write(Data([0x7B, 0xFF, 0xFE, 0x7D]), to: "work/binary.json")
        let binary = try workspace.run(["check", "4", "work/binary.json", "--labs", Self.labs])
        #expect(binary.exitCode == 2)
        #expect(binary.stderr.contains("not UTF-8"))

        let noLabs = try workspace.run(["check", "4", "work/04-ci-push-pull.json", "--labs", "work"])
        #expect(noLabs.exitCode == 2)
        #expect(noLabs.stderr.contains("is not a labs folder"))
    }

    @Test func aWrongAccountIdIsAUsageError() throws {
        let result = try workspace.run(["check", "4", "work/04-ci-push-pull.json", "--account", "1234", "--labs", Self.labs])
        #expect(result.exitCode == 64)
        let theirs = try workspace.run(["check", "4", "work/04-ci-push-pull.json", "--account", "123456789012", "--labs", Self.labs])
        #expect(theirs.exitCode == 1, "the solution names the default account, not this learner's")
    }

    @Test func labsVerifyPassesOnTheRealPack() throws {
        let result = try workspace.run(["labs", "verify", "--labs", Self.labs])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 14)
        #expect(result.stdout.hasSuffix("all 13 tasks verify: every solution passes and every starter fails\n"))
    }

    @Test func labsVerifyReportsABrokenPack() throws {
        try workspace.write("title: broken\n", to: "broken/labs/lab.yaml")
        let result = try workspace.run(["labs", "verify", "--labs", "broken/labs"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("broken/labs/lab.yaml") || result.stderr.contains("labs/lab.yaml"))
        #expect(result.stderr.contains("the lab pack has"))
    }
}
