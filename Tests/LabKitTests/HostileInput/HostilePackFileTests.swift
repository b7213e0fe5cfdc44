import Foundation
import Testing
@testable import LabKit

/// Pack files that are not text, or not files: each is refused with where and why, and none of
/// them blocks the loader or is read past the limit.
@Suite struct HostilePackFileTests {
    static let encodings: [(name: String, bytes: [UInt8])] = [
        ("lone continuation byte", [0x80]),
        ("overlong slash", [0xC0, 0xAF]),
        ("UTF-8 encoded surrogate", [0xED, 0xA0, 0x80]),
        ("truncated 3-byte sequence", [0xE6, 0x97]),
        ("Latin-1 é", [0xE9]),
    ]

    @Test(arguments: encodings.map(\.name))
    func invalidUTF8InALabFileIsRefusedAtItsByte(_ name: String) throws {
        let bad = try #require(Self.encodings.first { $0.name == name }).bytes
        let scratch = try ScratchPack()
        let text = Array(ScratchPack.labYAML.utf8)
        let at = Array("title: Scr".utf8).count
        try Data(text[..<at] + bad + text[at...]).write(to: scratch.labs.appendingPathComponent("lab.yaml"))
        try expectDiagnostics(scratch, [
            "labs/lab.yaml:1:11: file is not valid UTF-8 here (byte 0x\(String(bad[0], radix: 16, uppercase: true))); save it as UTF-8",
        ])
    }

    @Test func invalidUTF8InAFileNamedByATaskIsReportedAtTheNameAndInTheFile() throws {
        let scratch = try ScratchPack()
        try Data(Array("# Pull\n\nThink ".utf8) + [0xFF] + Array("\n".utf8)).write(to: scratch.labs.appendingPathComponent("t1/hint-1.md"))
        try expectDiagnostics(scratch, [
            "labs/t1/task.yaml:6:9: `labs/t1/hint-1.md:3:7`: file is not valid UTF-8 here (byte 0xFF); save it as UTF-8",
        ])
    }

    static let controls: [(name: String, bytes: [UInt8], message: String)] = [
        ("NUL", [0x00], "a NUL character (U+0000) is not allowed in a pack file; remove it"),
        ("escape", [0x1B], "the control character U+001B is not allowed in a pack file; remove it"),
        ("DEL", [0x7F], "the control character U+007F is not allowed in a pack file; remove it"),
        ("C1 control", [0xC2, 0x9B], "the control character U+009B is not allowed in a pack file; remove it"),
    ]

    @Test(arguments: controls.map(\.name))
    func aControlCharacterInALabFileIsRefusedAtIt(_ name: String) throws {
        let control = try #require(Self.controls.first { $0.name == name })
        let scratch = try ScratchPack()
        let text = Array(ScratchPack.taskYAML.utf8)
        let at = Array("id: t1\ntitle: Pu".utf8).count
        try Data(text[..<at] + control.bytes + text[at...]).write(to: scratch.labs.appendingPathComponent("t1/task.yaml"))
        try expectDiagnostics(scratch, ["labs/t1/task.yaml:2:10: \(control.message)"])
    }

    @Test func aNULInALearnersAnswerSheetIsRefusedWithItsPlace() throws {
        let result = try GradingBench().grade("01-what-a-repository-policy-is", "q1: b\nq2: a\u{0}\n")
        #expect(result.failedChecks.count == 4)
        #expect(result.failedChecks[0].message.contains("a NUL character (U+0000) is not allowed in a YAML file; remove it"))
        #expect(result.failedChecks[0].location?.line == 2)
        #expect(result.failedChecks[0].location?.column == 6)
    }

    @Test func aNamedPipeInThePackIsRefusedWithoutWaitingForAWriter() throws {
        let scratch = try ScratchPack()
        let hint = scratch.labs.appendingPathComponent("t1/hint-1.md")
        try FileManager.default.removeItem(at: hint)
        try #require(mkfifo(hint.path, 0o644) == 0)
        try expectDiagnostics(scratch, [
            "labs/t1/task.yaml:6:9: `labs/t1/hint-1.md`: file is a named pipe, not a regular file; pack files are plain files",
        ])
    }

    @Test func aLinkToADeviceInsideThePackIsRefusedAsADevice() throws {
        let scratch = try ScratchPack()
        let solution = scratch.root.appendingPathComponent("solutions/t1/policy.json")
        try FileManager.default.removeItem(at: solution)
        // The link stays inside `solutions/`, so only the kind of file can refuse it.
        try #require(mknod(scratch.root.appendingPathComponent("solutions/t1/zero").path, S_IFCHR | 0o644, makedev(1, 5)) == 0,
                     "creating a device node needs root, which the test suite runs as")
        try FileManager.default.createSymbolicLink(atPath: solution.path, withDestinationPath: "zero")
        try expectDiagnostics(scratch, [
            "labs/t1/task.yaml:7:11: `solutions/t1/policy.json`: file is a device, not a regular file; pack files are plain files",
        ])
    }

    @Test func aFolderWhereAFileShouldBeIsRefused() throws {
        let scratch = try ScratchPack()
        let hint = scratch.labs.appendingPathComponent("t1/hint-1.md")
        try FileManager.default.removeItem(at: hint)
        try FileManager.default.createDirectory(at: hint, withIntermediateDirectories: false)
        try expectDiagnostics(scratch, [
            "labs/t1/task.yaml:6:9: `labs/t1/hint-1.md`: file is a folder, not a regular file; pack files are plain files",
        ])
    }
}

private func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t {
    dev_t(major) << 8 | dev_t(minor)

}

/// Loads the broken scratch pack and expects exactly these diagnostics, showing them when they differ.
func expectDiagnostics(_ scratch: ScratchPack, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let diagnostics = try scratch.diagnostics()
    #expect(diagnostics == expected, sourceLocation: sourceLocation)
}
