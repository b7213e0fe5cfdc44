import Foundation
import Testing

/// Expected CLI output kept in Tests/ecrlabTests/Golden/. Compared byte for byte; set
/// `ECRLAB_RECORD_GOLDEN=1` to (re)write them from the current output, then review the diff in git.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["ECRLAB_RECORD_GOLDEN"] == "1" }

    /// Checks `actual` against `Golden/<name>.txt`, or records it when recording is on.
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name + ".txt")
        if isRecording {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file \(name).txt; record it with ECRLAB_RECORD_GOLDEN=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let explanation = "output differs from Golden/\(name).txt\n\(firstDifference(expected: expected, actual: actual))\n"
                + "re-record with ECRLAB_RECORD_GOLDEN=1 swift test if the change is intended"
            Issue.record(Comment(rawValue: explanation), sourceLocation: sourceLocation)
        }
    }

    private static func firstDifference(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(e.count, a.count) {
            let left = index < e.count ? String(e[index]) : "<end of file>"
            let right = index < a.count ? String(a[index]) : "<end of output>"
            if left != right {
                return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)"
            }
        }
        return "(they differ only in line endings)"
    }
}

extension CommandResult {
    /// The whole run as one reviewable text: the command, the exit code, then both streams.
    func transcript(_ arguments: [String]) -> String {
        "\((["$ ecrlab"] + arguments).joined(separator: " "))\nexit: \(exitCode)\n--- stdout\n\(Self.block(stdout))--- stderr\n\(Self.block(stderr))"
    }

    /// A stream that does not end its last line is marked, rather than silently fixed.
    private static func block(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n[no newline at end]\n"
    }
}
