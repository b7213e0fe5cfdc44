import Foundation
import ProgressStore
import Testing

/// Ctrl-C or SIGTERM during `grade`: what is graded is recorded and printed, one line says how much is
/// left, the exit code is the shell's for the signal, and running the command again does the rest.
@Suite struct InterruptedGradingTests {
    static let copies = 8

    @Test(arguments: [SIGINT, SIGTERM])
    func aStopSignalRecordsWhatIsGradedAndTheSameCommandDoesTheRest(signal: Int32) throws {
        let workspace = try TemporaryWorkspace()
        let total = try FaultFixtures.makeClass(in: workspace, folder: "class", copies: Self.copies, tag: "s")
        let database = workspace.url.appendingPathComponent("progress/class.sqlite").path
        let arguments = ["grade", "class", "--labs", FaultFixtures.labs, "--db", database]

        let run = try RunningCommand(arguments, in: workspace)
        // Signalled once the first batch is committed: grading is well under way, with most left to do.
        try waitUntil("the first recorded batch") {
            guard run.process.isRunning else { return true }
            return try FaultFixtures.attempts(at: database, origin: .batch) > 0
        }
        run.send(signal)
        let result = try run.finish(within: 300)

        #expect(result.exitCode == 128 + signal, "\(result.stderr)")
        let note = FaultFixtures.line(startingWith: "ecrlab: interrupted:", in: result.stderr)
        let match = try #require(note?.wholeMatch(
            of: /ecrlab: interrupted: recorded (\d+) of (\d+) files; run the same command again to grade the rest/))
        let recorded = Int(match.1)!
        #expect(Int(match.2) == total)
        #expect(recorded < total)
        #expect(try FaultFixtures.attempts(at: database, origin: .batch) == recorded)
        // The usual output, for what was recorded.
        let summary = FaultFixtures.gradeSummary(in: result.stdout)
        #expect(summary?.graded == recorded)
        #expect(summary?.newAttempts == recorded)
        #expect(result.stdout.split(separator: "\n").count == recorded + 2)
        #expect(try ProgressDatabase(path: database).integrityProblems() == [])

        let rerun = try workspace.run(arguments, timeout: 900)
        #expect(rerun.exitCode == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.isEmpty)
        let rest = FaultFixtures.gradeSummary(in: rerun.stdout)
        #expect(rest?.graded == total)
        #expect(rest?.newAttempts == total - recorded)
        #expect(rerun.stdout.split(separator: "\n").filter { $0.hasSuffix("  already") }.count == recorded)
        #expect(try FaultFixtures.attempts(at: database, origin: .batch) == total)
    }
}
