import Foundation
import Testing

/// Runs the real `ecrlab` through a wrapper that confines it: as an unprivileged user (tests run as
/// root, for whom no file is read-only) or under a file size limit (a full disk without filling one).
enum ConfinedRun {
    /// The `nobody` user and group, with no supplementary groups.
    static let unprivileged = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    /// Writes past `bytes` in any one file fail with EFBIG (and SIGXFSZ, which ecrlab ignores).
    static func fileSizeLimit(_ bytes: Int) -> [String] { ["/usr/bin/prlimit", "--fsize=\(bytes)"] }

    static func run(_ wrapper: [String], _ arguments: [String], in directory: URL, timeout: Double = 60) throws -> CommandResult {
        try #require(FileManager.default.isExecutableFile(atPath: wrapper[0]), "`\(wrapper[0])` is needed to confine ecrlab")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrapper[0])
        process.arguments = Array(wrapper.dropFirst()) + [try ECRLabExecutable.url().path] + arguments
        var environment = ProcessInfo.processInfo.environment.filter { !ECRLabExecutable.isolatedVariables.contains($0.key) }
        environment["HOME"] = directory.path
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let collected = Streams()
        let reading = DispatchGroup()
        let outputHandle = output.fileHandleForReading, errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: reading) { collected.set(output: outputHandle.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: reading) { collected.set(errors: errorHandle.readDataToEndOfFile()) }
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw HarnessError.timedOut(arguments: arguments, seconds: timeout)
        }
        guard reading.wait(timeout: .now() + timeout) == .success else {
            throw HarnessError.timedOut(arguments: arguments, seconds: timeout)
        }
        // A signal (SIGXFSZ not ignored, a crash) must not pass for an exit code.
        #expect(process.terminationReason == .exit, "`ecrlab \(arguments.joined(separator: " "))` was killed by signal \(process.terminationStatus)")
        return CommandResult(stdout: collected.output, stderr: collected.errors, exitCode: process.terminationStatus)
    }
}

private final class Streams: @unchecked Sendable {
    private let lock = NSLock()
    private var outputData = Data(), errorData = Data()
    func set(output: Data) { lock.withLock { outputData = output } }
    func set(errors: Data) { lock.withLock { errorData = errors } }
    var output: String { lock.withLock { String(decoding: outputData, as: UTF8.self) } }
    var errors: String { lock.withLock { String(decoding: errorData, as: UTF8.self) } }
}

/// The sqlite3 shell, as a second program that looks at what ecrlab left behind.
enum SQLiteShell {
    static let path = "/usr/bin/sqlite3"

    /// Runs `sql` on `database` and returns its output, trimmed.
    @discardableResult
    static func run(_ database: URL, _ sql: String, readOnly: Bool = false) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: path), "the sqlite3 shell is needed to inspect databases")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = (readOnly ? ["-readonly"] : []) + [database.path, sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3: \(String(decoding: problem, as: UTF8.self))")
        return String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
