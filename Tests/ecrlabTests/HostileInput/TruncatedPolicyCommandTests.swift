import Foundation
import Testing

/// The real solution cut at every byte, given to the commands a learner runs on a policy.
@Suite struct TruncatedPolicyCommandTests {
    let workspace: TemporaryWorkspace

    init() throws { workspace = try TemporaryWorkspace() }

    func cut(_ length: Int) -> String { String(format: "cut-%04d.json", length) }

    struct LintedFinding: Decodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var code: String
        var message: String
    }

    /// Cuts shorter than this leave the policy unfinished; cutting only the final line break does not.
    static let complete = (HostileFiles.solution04.lastIndex { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } ?? 0) + 1

    @Test func lintRefusesEveryPrefixInOneRunWithALocatedError() throws {
        let bytes = HostileFiles.solution04
        for length in 0..<Self.complete { try workspace.write(Data(bytes[..<length]), to: cut(length)) }
        let files = (0..<Self.complete).map(cut)
        let result = try workspace.run(["lint", "--format", "json"] + files)
        #expect(result.exitCode == 1)
        #expect(result.stderr.isEmpty)
        let findings = try JSONDecoder().decode([LintedFinding].self, from: Data(result.stdout.utf8))
        let errors = Dictionary(grouping: findings.filter { $0.severity == "error" }, by: \.file)
        #expect(errors.count == files.count, "every prefix has an error")
        var failures: [String] = []
        for length in 0..<Self.complete {
            guard let first = errors[cut(length)]?.first else { continue }
            let lines = bytes[..<length].count { $0 == UInt8(ascii: "\n") } + 1
            if !["json-syntax", "empty-file"].contains(first.code) { failures.append("\(cut(length)): \(first.code)") }
            if !(1...lines).contains(first.line) || first.column < 1 { failures.append("\(cut(length)) at \(first.line):\(first.column)") }
            if first.message.contains("\n") || first.message.first?.isLowercase != true { failures.append("\(cut(length)): \(first.message)") }
        }
        #expect(failures.count == 0, "\(failures.prefix(5))")
    }

    /// A spread of cuts: inside a key, a string, between items, at a line break, one byte short.
    var sample: [Int] {
        let count = Self.complete
        return [0, 2, 25, 120, 333, count - 10, count - 1]
    }

    @Test func explainAndCheckRefuseASpreadOfPrefixesWithTheirPlace() throws {
        let bytes = HostileFiles.solution04
        for length in sample {
            try workspace.write(Data(bytes[..<length]), to: "p.json")
            let explain = try workspace.run(["explain", "--principal", HostileFiles.user, "--action", "ecr:PutImage", "--repository-policy", "p.json"])
            #expect(explain.exitCode == 2, "cut \(length)")
            #expect(explain.stdout.isEmpty)
            #expect(explain.stderr.hasPrefix("ecrlab: cannot evaluate `p.json`: p.json:"), "cut \(length): \(explain.stderr)")
            #expect(explain.stderr.split(separator: "\n").count == 2, "one line per problem and one to say what next")

            let check = try workspace.run(["check", "4", "p.json", "--no-record", "--labs", HostileFiles.labs])
            #expect(check.exitCode == 1, "cut \(length): \(check.stderr)")
            #expect(check.stdout.hasPrefix("not passed"), "cut \(length)")
            #expect(check.stdout.contains("  p.json:"), "cut \(length): \(check.stdout)")
        }
    }
}
