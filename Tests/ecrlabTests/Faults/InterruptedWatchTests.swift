import Foundation
import ProgressStore
import Testing

/// Ctrl-C while `watch` is in the middle of a check: the check finishes and is recorded, then watching
/// stops with its one-line summary and exit code 0.
@Suite struct InterruptedWatchTests {
    /// Whether the kernel names what a process waits in (`/proc/PID/wchan`), which tells a check
    /// waiting for the database from a watcher waiting for a save.
    static let kernelNamesWaits: Bool = {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["5"]
        guard (try? sleeper.run()) != nil else { return false }
        defer { sleeper.terminate(); sleeper.waitUntilExit() }
        for _ in 0..<200 {
            if waitChannel(of: sleeper.processIdentifier) == "hrtimer_nanosleep" { return true }
            usleep(10_000)
        }
        return false
    }()

    static func waitChannel(of pid: Int32) -> String? {
        try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)
    }

    /// What each thread of `pid` waits in: the command may run on another thread than the main one.
    static func waitChannels(ofThreadsOf pid: Int32) -> [String] {
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return threads.compactMap { try? String(contentsOfFile: "/proc/\(pid)/task/\($0)/wchan", encoding: .utf8) }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") && kernelNamesWaits))
    func ctrlCDuringACheckLetsItRecordAndStopsWithTheSummary() throws {
        let workspace = try TemporaryWorkspace()
        let database = workspace.url.appendingPathComponent("progress/watch.sqlite").path
        let common = ["--labs", FaultFixtures.labs, "--db", database, "--learner", "watcher"]
        #expect(try workspace.run(["start", "4"] + common).exitCode == 0)

        let watch = try RunningCommand(["watch", "4"] + common, in: workspace)
        try waitUntil("the first check") {
            (watch.stdout.contains("check 1") && watch.stdout.contains("not passed")) || !watch.process.isRunning
        }
        #expect(watch.stdout.contains("not passed"))

        // Another process takes the write lock, so the next check cannot record until it is released.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [database]
        let holderInput = Pipe()
        holder.standardInput = holderInput
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        let marker = workspace.url.appendingPathComponent("locked").path
        holderInput.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell touch '\(marker)'\n".utf8))
        try waitUntil("the other process to hold the lock") { FileManager.default.fileExists(atPath: marker) }

        #expect(!Self.waitChannels(ofThreadsOf: watch.pid).contains("hrtimer_nanosleep"))

        let solution = try String(
            contentsOf: FaultFixtures.packageRoot.appendingPathComponent("solutions/04-ci-push-pull/policy.json"), encoding: .utf8)
        try workspace.write(solution, to: "work/04-ci-push-pull.json")
        // A waiting watcher sits in poll(); a check waiting for the lock sleeps between tries. A quarter
        // of a second of sleeping (well past the watcher's 50 ms pause after a save) is the check. No
        // thread of an idle watcher sleeps that way (checked before the save, above).
        var sleeping = 0
        try waitUntil("the check to wait for the database", limit: 120) {
            sleeping = Self.waitChannels(ofThreadsOf: watch.pid).contains("hrtimer_nanosleep") ? sleeping + 1 : 0
            return sleeping >= 13 || !watch.process.isRunning
        }
        watch.send(SIGINT)
        holderInput.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try holderInput.fileHandleForWriting.close()

        let result = try watch.finish(within: 300)
        #expect(watch.process.terminationReason == .exit)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("check 2"))
        #expect(result.stdout.contains("passed 13/13"))
        #expect(result.stdout.hasSuffix("stopped watching after 2 checks; 04-ci-push-pull is passed\n"))
        #expect(!result.stderr.localizedCaseInsensitiveContains("locked"), "\(result.stderr)")
        let store = try ProgressDatabase(path: database)
        let learner = try #require(try store.existingLearner(named: "watcher"))
        #expect(try store.attempts(learner: learner.id).map(\.passed) == [false, true])
    }
}
