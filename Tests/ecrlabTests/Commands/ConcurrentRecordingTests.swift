import Foundation
import ProgressStore
import Testing

/// Two `ecrlab` processes checking into one database at the same time: every attempt is kept.
@Suite struct ConcurrentRecordingTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labs = packageRoot.appendingPathComponent("labs").path
    static let checksPerProcess = 20

    @Test func twoProcessesRecordingAtOnceLoseNothing() throws {
        let workspace = try TemporaryWorkspace()
        let solution = try String(contentsOf: Self.packageRoot.appendingPathComponent("solutions/04-ci-push-pull/policy.json"), encoding: .utf8)
        try workspace.write(solution, to: "work/04-ci-push-pull.json")
        // Each process is a shell loop of checks, so both run side by side for their whole length.
        let executable = try ECRLabExecutable.url().path
        let loop = "for i in $(seq \(Self.checksPerProcess)); do '\(executable)' check 4 --labs '\(Self.labs)' --db progress/shared.sqlite --learner \"$1\" >/dev/null || echo \"failed $i\" >&2; done"
        var processes: [(Process, Pipe)] = []
        for learner in ["ann", "bob"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", loop, "sh", learner]
            process.currentDirectoryURL = workspace.url
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            processes.append((process, errors))
        }
        for (process, _) in processes { try process.run() }
        for (process, errors) in processes {
            let failures = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(failures.isEmpty, "\(failures)")
        }
        let database = try ProgressDatabase(path: workspace.url.appendingPathComponent("progress/shared.sqlite").path)
        for name in ["ann", "bob"] {
            let learner = try #require(try database.existingLearner(named: name))
            let attempts = try database.attempts(learner: learner.id, task: "04-ci-push-pull")
            #expect(attempts.count == Self.checksPerProcess)
            #expect(attempts.allSatisfy { $0.passed })
            for attempt in attempts {
                #expect(try database.checkResults(attempt: attempt.id).count == 13)
            }
        }
    }
}
