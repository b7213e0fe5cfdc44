import Foundation
import Testing

/// `ecrlab watch` checks on start, again on every save, and stops cleanly on Ctrl-C.
@Suite struct WatchCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labs = packageRoot.appendingPathComponent("labs").path

    /// Output of a running process, collected as it arrives.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    /// Waits until `condition` holds for the output; a hang fails instead of blocking the suite.
    func waitFor(_ output: Collected, _ what: String, limit: TimeInterval = 60, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(limit)
        while !condition(output.text) {
            if Date() > deadline {
                Issue.record("gave up waiting for \(what); output so far:\n\(output.text)")
                throw CancellationError()
            }
            usleep(20_000)
        }
    }

    /// Ctrl-C and SIGTERM both end the watch with its summary.
    @Test(arguments: [(false, SIGINT), (true, SIGTERM)])
    func checksOnEverySaveAndStopsOnInterrupt(polling: Bool, stopSignal: Int32) throws {
        let workspace = try TemporaryWorkspace()
        let common = ["--labs", Self.labs, "--db", "progress/watch.sqlite", "--learner", "watcher"]
        #expect(try workspace.run(["start", "4"] + common).exitCode == 0)

        let process = Process()
        process.executableURL = try ECRLabExecutable.url()
        process.arguments = ["watch", "4"] + common + (polling ? ["--poll"] : [])
        process.currentDirectoryURL = workspace.url
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The result follows the header; wait for both rather than read between the two.
        try waitFor(collected, "the first check") { $0.contains("check 1") && $0.contains("not passed") }
        let solution = try String(contentsOf: Self.packageRoot.appendingPathComponent("solutions/04-ci-push-pull/policy.json"), encoding: .utf8)
        try workspace.write(solution, to: "work/04-ci-push-pull.json")
        try waitFor(collected, "the check after saving") { $0.contains("check 2") && $0.contains("passed 13/13") }

        kill(process.processIdentifier, stopSignal)
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        collected.append(rest)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(collected.text.hasSuffix("stopped watching after 2 checks; 04-ci-push-pull is passed\n"))
    }
}
