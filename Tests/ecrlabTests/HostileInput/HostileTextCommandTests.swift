import Foundation
import Testing

/// Bytes that are not UTF-8 text, NUL bytes and terminal escapes, in a policy, in an answer file and
/// in a lab file: refused with file:line:column and a non-zero exit, never echoed raw.
@Suite struct HostileTextCommandTests {
    let workspace: TemporaryWorkspace

    init() throws { workspace = try TemporaryWorkspace() }

    static let encodings: [(name: String, bytes: [UInt8])] = [
        ("lone continuation byte", [0x80]),
        ("overlong slash", [0xC0, 0xAF]),
        ("UTF-8 encoded surrogate", [0xED, 0xA0, 0x80]),
        ("truncated 3-byte sequence", [0xE6, 0x97]),
    ]

    static func hex(_ byte: UInt8) -> String { String(byte, radix: 16, uppercase: true) }

    @Test(arguments: encodings.map(\.name))
    func invalidUTF8InAPolicyIsRefusedAtItsByte(_ name: String) throws {
        let bad = try #require(Self.encodings.first { $0.name == name }).bytes
        try workspace.write(Data(HostileFiles.solution(insertingBeforeUserName: bad)), to: "p.json")
        let lint = try workspace.run(["lint", "p.json"])
        #expect(lint.exitCode == 1)
        #expect(lint.stdout.hasPrefix("p.json:8:48: error[invalid-utf8]: the file is not valid UTF-8 here (byte 0x\(Self.hex(bad[0])))\n"))

        let check = try workspace.run(["check", "4", "p.json", "--labs", HostileFiles.labs])
        #expect(check.exitCode == 2)
        #expect(check.stderr == "ecrlab: cannot read `p.json`: it is not UTF-8 text at line 8, column 48 (byte 0x\(Self.hex(bad[0]))); save it as UTF-8 and check again\n")

        // explain reads policies through the same reader as lint: one kind of bad byte is enough there.
        guard name == Self.encodings[0].name else { return }
        let explain = try workspace.run(["explain", "--principal", HostileFiles.user, "--action", "ecr:PutImage", "--repository-policy", "p.json"])
        #expect(explain.exitCode == 2)
        #expect(explain.stderr.hasPrefix("ecrlab: cannot evaluate `p.json`: p.json:8:48: the file is not valid UTF-8 here"))
    }

    @Test func aNULByteInAPolicyIsLocatedAndNeverRecorded() throws {
        try workspace.write(Data(HostileFiles.solution(insertingBeforeUserName: [0])), to: "p.json")
        let lint = try workspace.run(["lint", "p.json"])
        #expect(lint.exitCode == 1)
        #expect(lint.stdout.hasPrefix("p.json:8:48: error[json-syntax]: the control character U+0000 must be escaped inside a string\n"))
        #expect(lint.stdout.contains(#"user/␀fcj-ecr-ci-cd-user"#), "the NUL is shown as a picture in the excerpt")

        let explain = try workspace.run(["explain", "--principal", HostileFiles.user, "--action", "ecr:PutImage", "--repository-policy", "p.json"])
        #expect(explain.exitCode == 2)
        #expect(explain.stderr.hasPrefix("ecrlab: cannot evaluate `p.json`: p.json:8:48: the control character U+0000 must be escaped"))

        let graded = try workspace.run(["check", "4", "p.json", "--no-record", "--labs", HostileFiles.labs])
        #expect(graded.exitCode == 1)
        #expect(graded.stdout.contains("p.json:8:48: the control character U+0000 must be escaped inside a string"))
        let recorded = try workspace.run(["check", "4", "p.json", "--labs", HostileFiles.labs, "--db", "p.sqlite", "--learner", "ana"])
        #expect(recorded.exitCode == 2)
        #expect(recorded.stderr.contains("contains a NUL character"))
    }

    @Test(arguments: encodings.map(\.name))
    func invalidUTF8InAnAnswerFileIsRefusedAtItsByte(_ name: String) throws {
        let bad = try #require(Self.encodings.first { $0.name == name }).bytes
        try workspace.write(Data(Array("q1: b\nq2: ".utf8) + bad + Array("\n".utf8)), to: "work/01.yaml")
        let check = try workspace.run(["check", "1", "work/01.yaml", "--labs", HostileFiles.labs])
        #expect(check.exitCode == 2)
        #expect(check.stderr == "ecrlab: cannot read `work/01.yaml`: it is not UTF-8 text at line 2, column 5 (byte 0x\(Self.hex(bad[0]))); save it as UTF-8 and check again\n")
        guard name == Self.encodings[0].name else { return }  // the work file is read by another path: once is enough
        try workspace.write(Data(Array("q1: b\nq2: ".utf8) + bad + Array("\n".utf8)), to: "work/01-what-a-repository-policy-is.yaml")
        let fromWork = try workspace.run(["check", "1", "--labs", HostileFiles.labs, "--db", "p.sqlite", "--learner", "ana"])
        #expect(fromWork.exitCode == 2)
        #expect(fromWork.stderr == "ecrlab: cannot read `work/01-what-a-repository-policy-is.yaml`: it is not UTF-8 text at line 2, column 5 (byte 0x\(Self.hex(bad[0]))); save it as UTF-8 and check again\n")
    }

    @Test func aNULOrAnEscapeInAnAnswerFileIsLocatedAndNeverEchoed() throws {
        try workspace.write("q1: b\nq2: a\u{0}\n", to: "work/01.yaml")
        let nul = try workspace.run(["check", "1", "work/01.yaml", "--no-record", "--labs", HostileFiles.labs])
        #expect(nul.exitCode == 1)
        #expect(nul.stdout.contains("work/01.yaml:2:6: not graded: the answer file cannot be read: a NUL character (U+0000) is not allowed in a YAML file; remove it"))

        try workspace.write("q1: \"\\e]0;owned\\a\"\n", to: "work/01.yaml")
        let escape = try workspace.run(["check", "1", "work/01.yaml", "--no-record", "--labs", HostileFiles.labs])
        #expect(escape.exitCode == 1)
        #expect(escape.stdout.contains(#"`\u001B]0;owned\u0007` is not a choice of question `q1`"#))
        #expect(!escape.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func aTerminalEscapeInAPolicyKeyIsPrintedEscaped() throws {
        try workspace.write(#"{"Version": "2012-10-17", "\u001b[2J\u001b]0;owned\u0007": 1, "Statement": []}"#, to: "p.json")
        let lint = try workspace.run(["lint", "p.json"])
        #expect(lint.exitCode == 1)
        #expect(lint.stdout.contains(#"`\u001B[2J\u001B]0;owned\u0007` is not a valid key"#))
        #expect(!lint.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test(arguments: encodings.map(\.name) + ["NUL", "escape"])
    func aLabFileThatIsNotTextIsRefusedAtItsByteByLabsVerify(_ name: String) throws {
        let bad: [UInt8] = name == "NUL" ? [0] : name == "escape" ? [0x1B] : try #require(Self.encodings.first { $0.name == name }).bytes
        try HostileFiles.copyPack(into: workspace)
        let lab = workspace.url.appendingPathComponent("labs/lab.yaml")
        let text = Array(try Data(contentsOf: lab))
        let title = Array("title: ".utf8)
        let at = (0..<text.count).first { Array(text[$0..<($0 + title.count)]) == title }! + title.count
        try Data(text[..<at] + bad + text[at...]).write(to: lab)
        let line = text[..<at].count { $0 == UInt8(ascii: "\n") } + 1

        let verify = try workspace.run(["labs", "verify", "--labs", "labs"])
        #expect(verify.exitCode == 1)
        let expected = switch name {
        case "NUL": "a NUL character (U+0000) is not allowed in a pack file; remove it"
        case "escape": "the control character U+001B is not allowed in a pack file; remove it"
        default: "file is not valid UTF-8 here (byte 0x\(Self.hex(bad[0]))); save it as UTF-8"
        }
        #expect(verify.stderr == "ecrlab: labs/lab.yaml:\(line):8: \(expected)\necrlab: the lab pack has 1 problem; fix them and run again\n")
        if name == "NUL" {
            let check = try workspace.run(["check", "4", "--labs", "labs"])
            #expect(check.exitCode == 2)
            #expect(check.stderr.hasPrefix("ecrlab: labs/lab.yaml:\(line):8: "))
        }
    }
}
