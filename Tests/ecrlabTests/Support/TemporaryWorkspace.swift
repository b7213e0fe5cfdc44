import Foundation

/// A fresh, empty directory for one test, removed when the value goes away. Commands run inside it
/// with relative paths, so their output never contains a machine-specific path.
final class TemporaryWorkspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecrlab-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to `path` (relative to the workspace), creating folders on the way.
    @discardableResult
    func write(_ text: String, to path: String) throws -> URL {
        try write(Data(text.utf8), to: path)
    }

    @discardableResult
    func write(_ data: Data, to path: String) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    /// Runs `ecrlab` with this workspace as its working directory.
    func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], timeout: Double = 60
    ) throws -> CommandResult {
        try ECRLabExecutable.run(arguments, stdin: stdin, environment: environment, in: url, timeout: timeout)
    }

    /// Runs `ecrlab` on a pseudo-terminal with this workspace as its working directory.
    func runOnTerminal(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> CommandResult {
        try ECRLabExecutable.runOnTerminal(arguments, environment: environment, in: url, timeout: timeout)
    }
}
