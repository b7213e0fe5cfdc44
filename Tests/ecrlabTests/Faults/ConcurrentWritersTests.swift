import Foundation
import ProgressStore
import Testing

/// Eight processes writing into one database at once: four instructors grading their class folders and
/// four learners checking over and over. Every attempt is there afterwards and nobody is told that
/// the database is locked.
@Suite struct ConcurrentWritersTests {
    static let graders = 4
    static let copiesPerClass = 4
    static let checkers = 4
    static let checksPerLearner = 15

    @Test func eightProcessesWritingAtOnceLoseNothingAndNeverReportALock() throws {
        let workspace = try TemporaryWorkspace()
        let database = workspace.url.appendingPathComponent("progress/shared.sqlite").path
        var filesPerClass: [Int] = []
        for grader in 0..<Self.graders {
            filesPerClass.append(try FaultFixtures.makeClass(
                in: workspace, folder: "class\(grader)", copies: Self.copiesPerClass, tag: "c\(grader)n"))
        }
        #expect(filesPerClass.allSatisfy { $0 >= 200 })
        let solution = try String(
            contentsOf: FaultFixtures.packageRoot.appendingPathComponent("solutions/04-ci-push-pull/policy.json"), encoding: .utf8)
        try workspace.write(solution, to: "work/04-ci-push-pull.json")

        // Learners find the database through ECRLAB_DB, instructors through --db. Each learner is a shell
        // loop of separate `check` processes, so checks start and stop all through the grading.
        let executable = try ECRLabExecutable.url().path
        let loop = """
            for i in $(seq \(Self.checksPerLearner)); do
              '\(executable)' check 4 --labs '\(FaultFixtures.labs)' --learner "$1" >/dev/null || echo "check $i failed with $?" >&2
            done
            """
        let graders = try (0..<Self.graders).map { grader in
            try RunningCommand(["grade", "class\(grader)", "--labs", FaultFixtures.labs, "--db", database], in: workspace)
        }
        let checkers = try (0..<Self.checkers).map { number in
            try RunningCommand(["-c", loop, "sh", "checker\(number)"], in: workspace, environment: ["ECRLAB_DB": database],
                               executable: URL(fileURLWithPath: "/bin/sh"))
        }

        for (grader, run) in graders.enumerated() {
            let result = try run.finish(within: 900)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(!result.stderr.localizedCaseInsensitiveContains("locked"), "\(result.stderr)")
            #expect(!result.stderr.localizedCaseInsensitiveContains("busy"), "\(result.stderr)")
            let summary = FaultFixtures.gradeSummary(in: result.stdout)
            #expect(summary?.graded == filesPerClass[grader])
            #expect(summary?.newAttempts == filesPerClass[grader])
            #expect(summary?.skipped == 0)
        }
        for (number, run) in checkers.enumerated() {
            let result = try run.finish(within: 900)
            #expect(result.exitCode == 0)
            // Any failed check, "database is locked" included, is on standard error.
            #expect(result.stderr.isEmpty, "checker\(number): \(result.stderr)")
        }

        let store = try ProgressDatabase(path: database)
        #expect(try store.integrityProblems() == [])
        #expect(try store.attemptCount(origin: .batch) == filesPerClass.reduce(0, +))
        #expect(try store.attemptCount(origin: .local) == Self.checkers * Self.checksPerLearner)
        for number in 0..<Self.checkers {
            let learner = try #require(try store.existingLearner(named: "checker\(number)"))
            let history = try store.history(learner: learner.id, task: "04-ci-push-pull")
            #expect(history.count == Self.checksPerLearner)
            #expect(history.allSatisfy { $0.attempt.passed && $0.checkResults.count == 13 })
        }
    }
}
