import Foundation
import Testing

/// Hostile files for the end-to-end tests, made at test time in a workspace.
enum HostileFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labs = packageRoot.appendingPathComponent("labs").path
    static let solution04 = Array(try! Data(contentsOf: packageRoot.appendingPathComponent("solutions/04-ci-push-pull/policy.json")))

    static let user = "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"
    static let repository = "arn:aws:ecr:us-east-1:111122223333:repository/"

    /// A file of `size` bytes that takes no room: a reader that does not stop at its limit would
    /// still have to go through all of it.
    static func sparse(_ size: Int, at path: String, in workspace: TemporaryWorkspace) throws {
        let url = workspace.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try #require(ftruncate(descriptor, off_t(size)) == 0)
    }

    /// The real lab pack and its solutions, copied so a test can break them.
    static func copyPack(into workspace: TemporaryWorkspace) throws {
        for folder in ["labs", "solutions"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(folder), to: workspace.url.appendingPathComponent(folder))
        }
    }

    /// The real solution with `bytes` inserted before the user name (line 8, column 48).
    static func solution(insertingBeforeUserName bytes: [UInt8]) -> [UInt8] {
        let marker = Array("user/fcj".utf8)
        let index = (0...(solution04.count - marker.count)).first { Array(solution04[$0..<($0 + marker.count)]) == marker }! + 5
        return Array(solution04[..<index]) + bytes + Array(solution04[index...])
    }

    /// Runs `ecrlab` with standard input read from a file, the way `ecrlab lint - < FILE` does.
    static func run(_ arguments: [String], stdinFile: String, in workspace: TemporaryWorkspace, timeout: Double = 60) throws -> CommandResult {
        let process = Process()
        process.executableURL = try ECRLabExecutable.url()
        process.arguments = arguments
        process.currentDirectoryURL = workspace.url
        let input = try #require(FileHandle(forReadingAtPath: workspace.url.appendingPathComponent(stdinFile).path))
        defer { try? input.close() }
        process.standardInput = input
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let collected = Collected()
        let readers = DispatchGroup()
        let outputHandle = output.fileHandleForReading
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: readers) { collected.set(out: outputHandle.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: readers) { collected.set(err: errorHandle.readDataToEndOfFile()) }
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw HarnessError.timedOut(arguments: arguments, seconds: timeout)
        }
        _ = readers.wait(timeout: .now() + timeout)
        return CommandResult(stdout: collected.out, stderr: collected.err, exitCode: process.terminationStatus)
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outData = Data()
        private var errData = Data()
        func set(out data: Data) { lock.withLock { outData = data } }
        func set(err data: Data) { lock.withLock { errData = data } }
        var out: String { lock.withLock { String(decoding: outData, as: UTF8.self) } }
        var err: String { lock.withLock { String(decoding: errData, as: UTF8.self) } }
    }
}
