import Foundation
import ProgressStore
import Testing

/// Shared by the fault tests: class folders of any size, a running `ecrlab` that can be signalled,
/// and a seeded random source.
enum FaultFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labs = packageRoot.appendingPathComponent("labs").path
    static let sampleClass = packageRoot.appendingPathComponent("labs/sample-class")

    /// Copies every learner of the sample class `copies` times into `folder` (learners renamed
    /// `<name>.<tag><copy>`), and returns how many files there are to grade.
    @discardableResult
    static func makeClass(in workspace: TemporaryWorkspace, folder: String, copies: Int, tag: String) throws -> Int {
        let fileManager = FileManager.default
        let learners = try fileManager.contentsOfDirectory(at: sampleClass, includingPropertiesForKeys: [.isDirectoryKey])
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
        var files = 0
        for copy in 0..<copies {
            for learner in learners {
                let target = workspace.url.appendingPathComponent("\(folder)/\(learner.lastPathComponent).\(tag)\(copy)")
                try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fileManager.copyItem(at: learner, to: target)
                files += try fileManager.contentsOfDirectory(atPath: target.path).count
            }
        }
        return files
    }

    /// The attempts of one origin in the database at `path`; 0 when there is no database yet (opening
    /// one would create it).
    static func attempts(at path: String, origin: AttemptOrigin) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return try ProgressDatabase(path: path).attemptCount(origin: origin)
    }

    /// The last line of `text` that starts with `prefix`.
    static func line(startingWith prefix: String, in text: String) -> String? {
        text.split(separator: "\n").last { $0.hasPrefix(prefix) }.map(String.init)
    }

    /// The numbers of `grade`'s last line in the table format: `N graded (P passed), M new attempts
    /// recorded, S skipped`.
    static func gradeSummary(in output: String) -> (graded: Int, newAttempts: Int, skipped: Int)? {
        guard let last = output.split(separator: "\n").last,
              let match = last.wholeMatch(of: /(\d+) graded \(\d+ passed\), (\d+) new attempts? recorded, (\d+) skipped/)
        else { return nil }
        return (Int(match.1)!, Int(match.2)!, Int(match.3)!)
    }
}

/// `ecrlab` (or a shell running it) in the background: its output is collected as it comes, and it can be signalled.
final class RunningCommand: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()
    private let exited = DispatchSemaphore(value: 0)
    private let streams = DispatchGroup()

    /// Runs `ecrlab` (or `executable`) with `arguments` in the workspace, output collected as it comes.
    init(
        _ arguments: [String], in workspace: TemporaryWorkspace, environment: [String: String] = [:], executable: URL? = nil
    ) throws {
        process.executableURL = try executable ?? ECRLabExecutable.url()
        process.arguments = arguments
        process.currentDirectoryURL = workspace.url
        var variables = ProcessInfo.processInfo.environment.filter { !ECRLabExecutable.isolatedVariables.contains($0.key) }
        variables["NO_COLOR"] = "1"
        variables.merge(environment) { _, new in new }
        process.environment = variables
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
        collect(output.fileHandleForReading) { [unowned self] data in outputData.append(data) }
        collect(errors.fileHandleForReading) { [unowned self] data in errorData.append(data) }
    }

    private func collect(_ handle: FileHandle, into append: @escaping @Sendable (Data) -> Void) {
        DispatchQueue.global().async(group: streams) { [lock] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                lock.withLock { append(data) }
            }
        }
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { lock.withLock { String(decoding: outputData, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: errorData, as: UTF8.self) } }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits up to `seconds` for the process to end; true when it has.
    func waitForExit(seconds: Double) -> Bool {
        guard exited.wait(timeout: .now() + seconds) == .success else { return false }
        exited.signal()
        _ = streams.wait(timeout: .now() + 30)
        return true
    }

    /// Waits for the end; a run that hangs is killed and fails the test.
    func finish(within seconds: Double = 600) throws -> CommandResult {
        if !waitForExit(seconds: seconds) {
            send(SIGKILL)
            _ = waitForExit(seconds: 30)
            Issue.record("`\(process.arguments!.joined(separator: " "))` did not finish within \(seconds) seconds")
            throw CancellationError()
        }
        return CommandResult(stdout: stdout, stderr: stderr, exitCode: process.terminationStatus)
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

/// Waits until `condition` holds, checking every 20 ms; a condition that never comes fails the test
/// instead of hanging it.
func waitUntil(_ what: String, limit: TimeInterval = 300, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(limit)
    while try !condition() {
        if Date() > deadline {
            Issue.record("gave up waiting for \(what) after \(limit) seconds")
            throw CancellationError()
        }
        usleep(20_000)
    }
}

/// SplitMix64: the same seed gives the same kill moments on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
