import Foundation
import Testing

/// `ecrlab lint` run as a user runs it, in a temporary folder holding the fixture policies.
@Suite struct LintCommandTests {
    let workspace: TemporaryWorkspace

    init() throws {
        workspace = try TemporaryWorkspace()
        try workspace.write(PolicyFixtures.sectionWithPlaceholder, to: "section.json")
        try workspace.write(PolicyFixtures.sectionClean, to: "clean.json")
        try workspace.write(PolicyFixtures.brokenJSON, to: "broken.json")
        try workspace.write(PolicyFixtures.publicPull, to: "public.json")
        try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent("policies"), withIntermediateDirectories: true)
    }

    /// Each case is one golden transcript: command, exit code, stdout, stderr.
    static let goldenCases: [(name: String, arguments: [String])] = [
        ("lint-placeholder-text", ["lint", "section.json"]),
        ("lint-placeholder-json", ["lint", "section.json", "--format", "json"]),
        ("lint-placeholder-sarif", ["lint", "section.json", "--format", "sarif"]),
        ("lint-clean-text", ["lint", "clean.json"]),
        ("lint-clean-json", ["lint", "clean.json", "--format", "json"]),
        ("lint-broken-text", ["lint", "broken.json"]),
        ("lint-broken-json", ["lint", "broken.json", "--format", "json"]),
        ("lint-missing-file", ["lint", "missing.json"]),
        ("lint-missing-and-placeholder", ["lint", "missing.json", "section.json", "policies"]),
        ("lint-public-strict", ["lint", "--strict", "public.json"]),
        ("lint-color-always", ["lint", "--color", "always", "section.json"]),
    ]

    @Test(arguments: goldenCases.map(\.name))
    func goldenTranscript(name: String) throws {
        let arguments = try #require(Self.goldenCases.first { $0.name == name }).arguments
        let result = try workspace.run(arguments)
        try GoldenFile.check(result.transcript(arguments), named: name)
    }

    @Test func placeholderIsReportedAtItsLineAndColumn() throws {
        let result = try workspace.run(["lint", "section.json", "--format", "json"])
        #expect(result.exitCode == 1)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["code"] as? String == "placeholder")
        #expect(findings.first?["line"] as? Int == 8)
        #expect(findings.first?["column"] as? Int == 30)
        #expect(findings.first?["endColumn"] as? Int == 51)
    }

    @Test func cleanPolicyExitsZeroWithNoFindings() throws {
        let result = try workspace.run(["lint", "clean.json"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "no findings in 1 file\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func unreadableFilesExitTwoAfterTheOthersAreLinted() throws {
        let result = try workspace.run(["lint", "missing.json", "clean.json", "policies"])
        #expect(result.exitCode == 2)
        #expect(result.stdout == "no findings in 1 file\n")
        #expect(result.stderr == """
            ecrlab: cannot read `missing.json`: no such file or directory
            ecrlab: cannot read `policies`: it is a directory; name the policy files in it

            """)
    }

    @Test func strictFailsOnSecurityFindingsOnly() throws {
        #expect(try workspace.run(["lint", "public.json"]).exitCode == 0)
        #expect(try workspace.run(["lint", "--strict", "public.json"]).exitCode == 1)
        #expect(try workspace.run(["lint", "--strict", "clean.json"]).exitCode == 0)
    }

    @Test func dashReadsStandardInput() throws {
        let result = try workspace.run(["lint", "-", "--format", "json"], stdin: PolicyFixtures.sectionWithPlaceholder)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains(#""file" : "<stdin>""#))
    }

    @Test func kindOverridesDetection() throws {
        let detected = try workspace.run(["lint", "clean.json"])
        let asIdentity = try workspace.run(["lint", "clean.json", "--kind", "identity", "--format", "json"])
        #expect(detected.exitCode == 0)
        #expect(asIdentity.exitCode == 1)
        #expect(asIdentity.stdout.contains("principal-in-identity-policy"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let escape = "\u{1B}["
        #expect(!(try workspace.run(["lint", "section.json"]).stdout.contains(escape)))
        #expect(try workspace.run(["lint", "section.json", "--color", "always"]).stdout.contains(escape))
        #expect(!(try workspace.run(["lint", "section.json"], environment: ["NO_COLOR": "1"]).stdout.contains(escape)))
        #expect(!(try workspace.run(["lint", "section.json", "--color", "never"]).stdout.contains(escape)))
    }

    @Test(.enabled(if: ECRLabExecutable.canRunOnTerminal))
    func colourOnATerminalUnlessNoColor() throws {
        let escape = "\u{1B}[1;31merror"
        let onTerminal = try workspace.runOnTerminal(["lint", "section.json"])
        #expect(onTerminal.exitCode == 1)
        #expect(onTerminal.stdout.contains(escape))
        #expect(onTerminal.stdout.contains("\n1 error in 1 file\n"))
        #expect(!(try workspace.runOnTerminal(["lint", "section.json"], environment: ["NO_COLOR": "1"]).stdout.contains(escape)))
        #expect(!(try workspace.runOnTerminal(["lint", "section.json"], environment: ["TERM": "dumb"]).stdout.contains(escape)))
        #expect(try workspace.runOnTerminal(["lint", "section.json"], environment: ["NO_COLOR": ""]).stdout.contains(escape))
    }

    @Test(arguments: [
        ["lint"],
        ["lint", "section.json", "--format", "xml"],
        ["lint", "section.json", "--kind", "user"],
        ["lint", "-", "-"],
        ["no-such-command"],
    ])
    func usageErrorsExitSixtyFour(arguments: [String]) throws {
        let result = try workspace.run(arguments)
        #expect(result.exitCode == 64)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    @Test func binaryInputIsAFindingNotACrash() throws {
        try workspace.write(Data([0x7B, 0xFF, 0xFE, 0x00, 0x22]), to: "binary.json")
        let result = try workspace.run(["lint", "binary.json"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("binary.json:1:2: error["))
    }

    @Test func oversizedInputIsReadOnlyUpToTheLimit() throws {
        try workspace.write(Data(repeating: 0x20, count: 3 << 20), to: "huge.json")
        let result = try workspace.run(["lint", "huge.json", "--format", "json"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("file-too-large"))
    }
}
