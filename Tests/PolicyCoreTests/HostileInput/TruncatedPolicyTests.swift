import Testing

@testable import PolicyCore

/// A policy cut short at every byte, as an interrupted save or copy leaves it: each prefix must be
/// refused with an error located inside the text, never read as a policy and never a crash.
@Suite struct TruncatedPolicyTests {
    @Test(arguments: HostilePolicies.realPolicies.map(\.name))
    func everyPrefixOfARealPolicyIsALocatedError(_ name: String) throws {
        let bytes = try #require(HostilePolicies.realPolicies.first { $0.name == name }?.bytes)
        var failures: [String] = []
        // Cutting only the final line break leaves the whole policy: those cuts are not truncations.
        let complete = (bytes.lastIndex { ![0x20, 0x0A, 0x0D, 0x09].contains($0) } ?? 0) + 1
        for cut in 0..<complete {
            let prefix = Array(bytes[..<cut])
            let parsed = ParsedPolicy(name: "cut.json", bytes: prefix)
            let report = Linter().lint(parsed)
            guard parsed.policy == nil, report.fails(), let error = report.findings.first(where: { $0.severity == .error }) else {
                failures.append("cut \(cut): read as a policy")
                continue
            }
            if !["json-syntax", "empty-file"].contains(error.code) { failures.append("cut \(cut): \(error.code)") }
            let start = error.range.start
            if start.offset > cut { failures.append("cut \(cut): error at offset \(start.offset), past the text") }
            if let expected = JSONPropertyTests.expectedPlace(of: start.offset, in: prefix), expected != (start.line, start.column) {
                failures.append("cut \(cut): error at \(start.place), but its offset is at \(expected.0):\(expected.1)")
            }
            if error.message.contains("\n") || error.message.first?.isUppercase == true {
                failures.append("cut \(cut): badly formed message `\(error.message)`")
            }
            let rendered = TextFindingRenderer().render([SourceFindings(file: "cut.json", text: parsed.text, findings: report.findings)])
            if !rendered.hasPrefix("cut.json:\(start.line):\(start.column): error[") { failures.append("cut \(cut): rendered as \(rendered)") }
        }
        #expect(failures.count == 0, "\(failures.prefix(5))")
        #expect(!Linter().lint(ParsedPolicy(name: name, bytes: bytes)).findings.contains { $0.code == "json-syntax" })
    }

    @Test func aCutInsideAMultiByteCharacterIsAnEncodingErrorAtThatCharacter() throws {
        let text = Array(#"{"Version": "2012-10-17", "Id": "répertoire-日本"#.utf8)
        for dropped in 1...2 {
            let prefix = Array(text.dropLast(dropped))
            let finding = try #require(ParsedPolicy(name: "p.json", bytes: prefix).findings.first)
            #expect(finding.code == "invalid-utf8")
            #expect(finding.place == "1:46")
        }
    }
}
