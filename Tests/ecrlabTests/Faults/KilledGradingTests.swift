import Foundation
import ProgressStore
import Testing

/// `grade` killed outright (SIGKILL: no handler runs) at random moments: the database stays sound,
/// keeps every batch committed before the kill, and the next run records exactly what is missing.
@Suite struct KilledGradingTests {
    static let copies = 5
    static let kills = 6
    static let seed: UInt64 = 0x0EC2_0707

    @Test func killedAtRandomMomentsTheDatabaseStaysSoundAndARerunRecordsTheRest() throws {
        let workspace = try TemporaryWorkspace()
        let total = try FaultFixtures.makeClass(in: workspace, folder: "class", copies: Self.copies, tag: "k")
        let reference = workspace.url.appendingPathComponent("progress/reference.sqlite").path
        let killed = workspace.url.appendingPathComponent("progress/killed.sqlite").path

        // An undisturbed run gives the run's typical length and the attempts every later run must match.
        let started = Date()
        let whole = try workspace.run(["grade", "class", "--labs", FaultFixtures.labs, "--db", reference], timeout: 900)
        let typicalLength = Date().timeIntervalSince(started)
        #expect(whole.exitCode == 0, "\(whole.stderr)")
        #expect(FaultFixtures.gradeSummary(in: whole.stdout)?.newAttempts == total)

        var random = SeededRandom(seed: Self.seed)
        var recorded = 0
        var killedMidRun = 0
        for _ in 0..<Self.kills {
            let run = try RunningCommand(["grade", "class", "--labs", FaultFixtures.labs, "--db", killed], in: workspace)
            let delay = Double.random(in: 0...(0.9 * typicalLength), using: &random)
            if !run.waitForExit(seconds: delay) {
                run.send(SIGKILL)
                #expect(run.waitForExit(seconds: 60))
                if run.process.terminationReason == .uncaughtSignal { killedMidRun += 1 }
            }
            #expect(try Self.problems(at: killed) == [])
            let now = try FaultFixtures.attempts(at: killed, origin: .batch)
            #expect(now >= recorded, "a kill lost attempts that were committed before it")
            recorded = now
        }
        // Without a kill that landed while grading, this test would show nothing.
        #expect(killedMidRun > 0)

        let rerun = try workspace.run(["grade", "class", "--labs", FaultFixtures.labs, "--db", killed], timeout: 900)
        #expect(rerun.exitCode == 0, "\(rerun.stderr)")
        let summary = FaultFixtures.gradeSummary(in: rerun.stdout)
        #expect(summary?.graded == total)
        #expect(summary?.newAttempts == total - recorded)
        #expect(try Self.problems(at: killed) == [])
        #expect(try FaultFixtures.attempts(at: killed, origin: .batch) == total)
        #expect(try Self.contents(at: killed) == Self.contents(at: reference))
    }

    static func problems(at path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try ProgressDatabase(path: path).integrityProblems()
    }

    /// Every attempt as learner, task, text, verdict and its checks: what must not differ between a
    /// killed-and-rerun grading and an undisturbed one.
    static func contents(at path: String) throws -> [String] {
        let database = try ProgressDatabase(path: path)
        var rows: [String] = []
        for learner in try database.learners() {
            for entry in try database.history(learner: learner.id) {
                let attempt = entry.attempt
                let checks = entry.checkResults.map { "\($0.checkId)=\($0.passed)" }.joined(separator: ",")
                rows.append("\(learner.name) \(attempt.taskId) \(attempt.sourceHash) \(attempt.origin) \(attempt.passed) "
                    + "\(attempt.score)/\(attempt.maxScore) [\(checks)]")
            }
        }
        return rows.sorted()
    }
}
