import Foundation

/// What one run of the built `ecrlab` produced.
struct CommandResult: Sendable, Equatable {
    var stdout: String
    var stderr: String
    var exitCode: Int32
}

/// Why a run could not take place at all (as opposed to the binary failing, which is a result).
enum HarnessError: Error, CustomStringConvertible {
    case executableNotFound(searched: [String])
    case timedOut(arguments: [String], seconds: Double)

    var description: String {
        switch self {
        case .executableNotFound(let searched):
            "no built ecrlab executable found (looked in \(searched.joined(separator: ", "))); run `swift build` first"
        case .timedOut(let arguments, let seconds):
            "`ecrlab \(arguments.joined(separator: " "))` did not finish within \(seconds) seconds and was killed"
        }
    }
}

/// Runs the real `ecrlab` binary, built into the same products directory as this test bundle, the way a
/// user would: arguments, environment, standard input and working directory in; output and exit code out.
/// A run that hangs is killed after `timeout` seconds and throws, so a hang fails the test instead of
/// blocking the suite.
enum ECRLabExecutable {
    /// Environment variables that would make a run depend on the machine it runs on; removed unless a
    /// test sets them itself.
    static let isolatedVariables: Set<String> = ["NO_COLOR", "COLUMNS", "LINES", "TERM", "CLICOLOR", "CLICOLOR_FORCE"]

    static func url() throws -> URL {
        let candidates = candidateDirectories().map { $0.appendingPathComponent("ecrlab") }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw HarnessError.executableNotFound(searched: candidates.map(\.path))
    }

    /// `ECRLAB_EXECUTABLE` if set; then the products directory the test bundle was loaded from (the
    /// `.xctest` bundle, or on Linux the test runner executable, sits next to the products); then
    /// the package's own `.build/debug`.
    private static func candidateDirectories() -> [URL] {
        var directories: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["ECRLAB_EXECUTABLE"] {
            return [URL(fileURLWithPath: explicit).deletingLastPathComponent()]
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL)
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        directories.append(runner.deletingLastPathComponent())
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        return directories
    }

    /// - Parameters:
    ///   - arguments: what follows `ecrlab` on the command line.
    ///   - stdin: text fed to standard input; nil connects it to /dev/null so nothing ever waits on it.
    ///   - environment: variables set on top of the test's own environment (minus `isolatedVariables`).
    ///   - directory: the working directory; defaults to the test's.
    ///   - timeout: seconds before the run is killed and the call throws `HarnessError.timedOut`.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        in directory: URL? = nil, timeout: Double = 60
    ) throws -> CommandResult {
        try launch(try url(), arguments, displayed: arguments, stdin: stdin, environment: environment, in: directory, timeout: timeout)
    }

    /// Whether `runOnTerminal` can work here: it needs util-linux `script` to provide a pseudo-terminal.
    static var canRunOnTerminal: Bool { FileManager.default.isExecutableFile(atPath: scriptPath) }
    private static let scriptPath = "/usr/bin/script"

    /// Runs `ecrlab` with standard input, output and error on a pseudo-terminal, for what happens only on
    /// a terminal (colour, progress bars, prompts). Both streams arrive together in `stdout`, with the
    /// terminal's CRLF line ends turned back into LF; `stderr` stays empty.
    static func runOnTerminal(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, timeout: Double = 60
    ) throws -> CommandResult {
        let command = ([try url().path] + arguments).map(shellQuoted).joined(separator: " ")
        var result = try launch(
            URL(fileURLWithPath: scriptPath), ["-qec", command, "/dev/null"], displayed: arguments, stdin: nil,
            environment: environment, in: directory, timeout: timeout)
        result.stdout = result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        return result
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func launch(
        _ executable: URL, _ arguments: [String], displayed: [String], stdin: String?, environment: [String: String],
        in directory: URL?, timeout: Double
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.filter { !isolatedVariables.contains($0.key) }
        variables.merge(environment) { _, new in new }
        process.environment = variables
        if let directory { process.currentDirectoryURL = directory }

        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()

        // Drain both pipes and feed stdin concurrently: a child that fills a pipe buffer must never
        // block on us while we wait for it.
        let collected = CollectedOutput()
        let streams = DispatchGroup()
        let outputHandle = output.fileHandleForReading
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: streams) { collected.setOutput(outputHandle.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: streams) { collected.setErrors(errorHandle.readDataToEndOfFile()) }
        if let input, let stdin {
            let inputHandle = input.fileHandleForWriting
            let data = Data(stdin.utf8)
            DispatchQueue.global().async {
                // The child may exit without reading everything; ignore the broken pipe.
                try? inputHandle.write(contentsOf: data)
                try? inputHandle.close()
            }
        }

        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if exited.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
            _ = streams.wait(timeout: .now() + 5)
            throw HarnessError.timedOut(arguments: displayed, seconds: timeout)
        }
        // A grandchild still holding the pipes open must not hang the test either.
        if streams.wait(timeout: .now() + timeout) == .timedOut {
            throw HarnessError.timedOut(arguments: displayed, seconds: timeout)
        }
        return CommandResult(stdout: collected.output, stderr: collected.errors, exitCode: process.terminationStatus)
    }
}

/// Output gathered on background queues, read once both readers are done.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()

    func setOutput(_ data: Data) { lock.withLock { outputData = data } }
    func setErrors(_ data: Data) { lock.withLock { errorData = data } }
    var output: String { lock.withLock { String(decoding: outputData, as: UTF8.self) } }
    var errors: String { lock.withLock { String(decoding: errorData, as: UTF8.self) } }
}
