import Testing

@testable import PolicyCore

/// Bytes that are not text, and text that would act on the terminal: refused where they are, and
/// never passed on raw in a message or an excerpt.
@Suite struct HostileTextTests {
    /// The real solution with `bytes` inserted before the principal's user name (line 8, column 48).
    static func solution(replacingUserNameWith bytes: [UInt8]) -> [UInt8] {
        let text = Array(HostilePolicies.realPolicies[0].bytes)
        let marker = Array("user/fcj".utf8)
        let index = (0...(text.count - marker.count)).first { Array(text[$0..<($0 + marker.count)]) == marker }! + 5
        return Array(text[..<index]) + bytes + Array(text[index...])
    }

    static let encodings: [(name: String, bytes: [UInt8])] = [
        ("lone continuation byte", [0x80]),
        ("overlong slash", [0xC0, 0xAF]),
        ("overlong 3-byte NUL", [0xE0, 0x80, 0x80]),
        ("UTF-8 encoded surrogate", [0xED, 0xA0, 0x80]),
        ("truncated 3-byte sequence", [0xE6, 0x97]),
        ("truncated 4-byte sequence", [0xF0, 0x9F, 0x98]),
        ("past U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("Latin-1 é", [0xE9]),
    ]

    @Test(arguments: encodings.map(\.name))
    func invalidUTF8InARealPolicyIsAnErrorAtItsByte(_ name: String) throws {
        let bad = try #require(Self.encodings.first { $0.name == name }).bytes
        let parsed = ParsedPolicy(name: "p.json", bytes: Self.solution(replacingUserNameWith: bad))
        let report = Linter().lint(parsed)
        #expect(report.fails())
        #expect(parsed.policy == nil)
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.code == "invalid-utf8")
        #expect(finding.place == "8:48")
        #expect(finding.message == "the file is not valid UTF-8 here (byte 0x\(String(bad[0], radix: 16, uppercase: true)))")
        if case .success = CompiledPolicy.compile(parsed, side: .repository) { Issue.record("compiled a policy that is not UTF-8") }
    }

    @Test func aNULByteInsideAStringIsAnErrorAtIt() throws {
        let report = Linter().lint(ParsedPolicy(name: "p.json", bytes: Self.solution(replacingUserNameWith: [0])))
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.place == "8:48")
        #expect(finding.message == "the control character U+0000 must be escaped inside a string")
        #expect(finding.help == "write it as `\\u0000`")
    }

    @Test func aNULByteBetweenValuesIsAnErrorAtIt() throws {
        var bytes = HostilePolicies.realPolicies[0].bytes
        bytes.insert(0, at: 2)  // `{` `\n` NUL: line 2, column 1
        let report = Linter().lint(ParsedPolicy(name: "p.json", bytes: bytes))
        let finding = try #require(report.findings.first)
        #expect(finding.code == "json-syntax")
        #expect(finding.place == "2:1")
        #expect(finding.message == "expected a key in double quotes, found a NUL byte")
    }

    @Test func aFileOfNULBytesIsRefusedAtItsFirstByte() {
        let report = Linter().lint(ParsedPolicy(name: "p.json", bytes: [UInt8](repeating: 0, count: 4_096)))
        #expect(report.fails())
        #expect(report.findings.map(\.place) == ["1:1"])
    }

    @Test func controlCharactersFromThePolicyAreEscapedInMessages() throws {
        // A key and a Sid written with JSON escapes: the decoded text holds ESC, BEL and a line break.
        let text = #"{"Version":"2012-10-17","\u001b]0;owned\u0007":1,"Statement":[{"Effect":"a\nb","Action":"ecr:c\u202Ed"}]}"#
        let report = Linter().lint(ParsedPolicy(name: "p.json", text: text))
        let messages = report.findings.map(\.message) + report.findings.compactMap(\.help)
        #expect(!messages.isEmpty)
        for message in messages {
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E }, "\(message.debugDescription)")
        }
        #expect(report.findings.contains { $0.message.contains(#"`\u001B]0;owned\u0007`"#) })
        #expect(report.findings.contains { $0.message.contains(#"`a\nb`"#) })
    }

    @Test func controlCharactersInTheSourceAreShownAsPicturesUnderTheMessage() throws {
        let bytes: [UInt8] = Array(#"{"a": 1,"#.utf8) + [0x1B, 0x07, 0x7F] + Array("}".utf8)
        let parsed = ParsedPolicy(name: "p.json", bytes: bytes)
        let rendered = TextFindingRenderer().render([SourceFindings(file: "p.json", text: parsed.text, findings: parsed.findings)])
        #expect(parsed.findings.first?.message == "expected a key in double quotes, found the control character U+001B")
        #expect(rendered.contains(#"    1 | {"a": 1,␛␇␡}"#))
        #expect(rendered.contains("      |         ^\n"))
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func escapingLeavesOrdinaryTextAloneAndWritesJSONEscapes() {
        #expect("`ecr:PutImage` at 8:48 — résumé 日本 😀".escapingControlCharacters() == "`ecr:PutImage` at 8:48 — résumé 日本 😀")
        #expect("a\nb\tc\r\u{0}\u{1B}\u{7F}\u{85}\u{2028}\u{202E}\u{2066}".escapingControlCharacters()
            == #"a\nb\tc\r\u0000\u001B\u007F\u0085\u2028\u202E\u2066"#)
        #expect(Finding(.error, "x", "`\u{1B}[2J`", at: .unknown, help: "a\nb").message == #"`\u001B[2J`"#)
        #expect(Finding(.error, "x", "m", at: .unknown, help: "a\nb").help == #"a\nb"#)
    }
}
