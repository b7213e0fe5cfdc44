import Foundation
import Testing
@testable import ProgressStore

@Suite struct RosterTests {
    @Test func reimportUpdatesAndNeverDuplicates() throws {
        let database = try ProgressDatabase.inMemory()
        _ = try database.learner(named: "carol")  // started before the roster arrived
        let first = try database.importRoster([
            RosterRow(name: "alice", displayName: "Alice A.", email: "alice@example.com", group: "mon"),
            RosterRow(name: "bob", group: "mon"),
            RosterRow(name: "carol", displayName: "Carol C.", group: "tue"),
        ])
        #expect(first == RosterImportSummary(created: 2, updated: 1, unchanged: 0))
        let second = try database.importRoster([
            RosterRow(name: "Alice", email: "alice@school.example"),  // case-insensitive: the same learner
            RosterRow(name: "bob", group: "mon"),
            RosterRow(name: "carol", displayName: "Carol C.", group: "tue"),
        ])
        #expect(second == RosterImportSummary(created: 0, updated: 1, unchanged: 2))
        let learners = try database.learners()
        #expect(learners.map(\.name) == ["alice", "bob", "carol"])
        #expect(learners[0].email == "alice@school.example")
        #expect(learners[0].displayName == "Alice A.")  // not in the second file: kept
        #expect(try database.learners(group: "mon").map(\.name) == ["alice", "bob"])
    }

    @Test func anInvalidRowRefusesTheWholeRoster() throws {
        let database = try ProgressDatabase.inMemory()
        #expect(throws: ProgressStoreError.invalidRosterRow(line: 3, name: "bad name", reason: "contains a space")) {
            try database.importRoster([RosterRow(name: "alice", line: 2), RosterRow(name: "bad name", line: 3)])
        }
        #expect(throws: ProgressStoreError.invalidRosterRow(line: 4, name: "ALICE", reason: "is listed twice (also on line 2)")) {
            try database.importRoster([RosterRow(name: "alice", line: 2), RosterRow(name: "ALICE", line: 4)])
        }
        #expect(try database.learners().isEmpty)
    }
}

/// A small class: 6 learners in two groups, three tasks over two objectives.
private struct SmallClass {
    let database: ProgressDatabase
    let tasks = ["t1", "t2", "t3"]
    let objectives = ["t1": "read", "t2": "write", "t3": "write"]

    init() throws {
        database = try ProgressDatabase.inMemory()
        try database.importRoster(
            ["ann", "ben", "cat", "dan", "eve", "fay"].enumerated().map {
                RosterRow(name: $0.element, group: $0.offset < 4 ? "mon" : "tue")
            })
        // ann passes everything after one wrong try; ben passes t1 only; cat is stuck on t2 (4 tries);
        // dan and fay never start; eve fails t1 twice with hints, and has an attempt at a task not listed.
        try record("ann", "t1", passed: false, failing: ["principal"])
        try record("ann", "t1", passed: true)
        try record("ann", "t2", passed: true)
        try record("ann", "t3", passed: true)
        try record("ben", "t1", passed: true)
        for _ in 0..<4 { try record("cat", "t2", passed: false, failing: ["principal", "least"]) }
        try record("eve", "t1", passed: false, failing: ["principal"])
        try record("eve", "t1", passed: false, failing: ["least"])
        try record("eve", "old-task", passed: false, failing: ["gone"])
        let eve = try database.learner(named: "eve")
        _ = try database.recordHint(learner: eve.id, task: "t1")
        _ = try database.recordHint(learner: eve.id, task: "t1")
    }

    func record(_ name: String, _ task: String, passed: Bool, failing: [String] = []) throws {
        let learner = try database.learner(named: name)
        let checks = failing.map { CheckRecord.failing($0, "\(name) failed \($0) on \(task)") } + [.passing("lint")]
        _ = try database.recordAttempt(
            .sample(learner: learner, task: task, source: "\(name) \(task) \(UUID())", passed: passed,
                    score: passed ? 3 : 1),
            checks: checks)
    }
}

@Suite struct ClassReportTests {
    @Test func matrixHasEveryLearnerAndTask() throws {
        let fixture = try SmallClass()
        let matrix = try fixture.database.classMatrix(tasks: fixture.tasks)
        #expect(matrix.taskIds == ["t1", "t2", "t3"])
        #expect(matrix.rows.map(\.learner.name) == ["ann", "ben", "cat", "dan", "eve", "fay"])
        let statuses = matrix.rows.map { $0.tasks.map(\.status) }
        #expect(statuses[0] == [.passed(count: 2), .passed(count: 1), .passed(count: 1)])
        #expect(statuses[1] == [.passed(count: 1), .notStarted, .notStarted])
        #expect(statuses[2] == [.notStarted, .attempted(count: 4), .notStarted])
        #expect(statuses[3] == [.notStarted, .notStarted, .notStarted])
        #expect(statuses[4] == [.attempted(count: 2), .notStarted, .notStarted])
        #expect(matrix.rows[4].tasks[0].hintsUsed == 2)
        #expect(matrix.notStarted.map(\.name) == ["dan", "fay"])
    }

    @Test func groupFilterKeepsOnlyThatGroup() throws {
        let fixture = try SmallClass()
        let matrix = try fixture.database.classMatrix(tasks: fixture.tasks, group: "tue")
        #expect(matrix.rows.map(\.learner.name) == ["eve", "fay"])
        #expect(matrix.rows[0].tasks[0].status == .attempted(count: 2))
        let failures = try fixture.database.commonFailedChecks(tasks: fixture.tasks, group: "tue")
        #expect(failures.allSatisfy { $0.exampleLearner == "eve" })
    }

    @Test func masteryPerObjective() throws {
        let fixture = try SmallClass()
        let mastery = try fixture.database.classMatrix(tasks: fixture.tasks).mastery(objectiveOf: fixture.objectives)
        #expect(mastery.map(\.objectiveId) == ["read", "write"])
        #expect(mastery.map(\.taskIds) == [["t1"], ["t2", "t3"]])
        #expect(mastery.map(\.masteredCount) == [2, 1])
        #expect(mastery.map(\.learnerCount) == [6, 6])
        #expect(mastery[0].share == 2.0 / 6.0)
    }

    @Test func stuckLearners() throws {
        let fixture = try SmallClass()
        let matrix = try fixture.database.classMatrix(tasks: fixture.tasks)
        #expect(matrix.stuck(minimumAttempts: 3).map { "\($0.learner.name):\($0.taskId):\($0.attemptCount)" }
            == ["cat:t2:4"])
        #expect(matrix.stuck(minimumAttempts: 2).map(\.learner.name) == ["cat", "eve"])
    }

    @Test func commonFailedChecksCountLearnersOverAllFailedAttempts() throws {
        let fixture = try SmallClass()
        let failures = try fixture.database.commonFailedChecks(tasks: fixture.tasks)
        let summary = failures.map { "\($0.taskId)/\($0.checkId):\($0.learnerCount)/\($0.occurrences)" }
        // ann's early principal mistake counts although she passed later; cat's 4 tries count once.
        // Most learners first, then most occurrences.
        #expect(summary == ["t1/principal:2/2", "t2/least:1/4", "t2/principal:1/4", "t1/least:1/1"])
        #expect(failures[0].exampleLearner == "eve")
        #expect(failures[0].exampleMessage == "eve failed principal on t1")
        #expect(try fixture.database.commonFailedChecks(limit: 1).count == 1)
        #expect(try fixture.database.commonFailedChecks().contains { $0.taskId == "old-task" })
    }
}

@Suite struct ProgressBundleTests {
    @Test func exportRoundTripsAndImportIsIdempotent() throws {
        let fixture = try SmallClass()
        let eve = try fixture.database.learner(named: "eve")
        let bundle = try fixture.database.exportBundle(learner: eve.id)
        #expect(bundle.format == ProgressBundle.formatMarker && bundle.version == 1)
        #expect(bundle.attempts.count == 3 && bundle.hints.count == 2)
        let decoded = try ProgressBundle.decode(try bundle.encoded(), path: "eve.json")
        #expect(decoded.attempts.map(\.source) == bundle.attempts.map(\.source))
        #expect(decoded.learner.name == "eve")

        let instructor = try ProgressDatabase.inMemory()
        for _ in 0..<2 {
            let learner = try instructor.learner(named: decoded.learner.name)
            let submissions = decoded.attempts.map {
                GradedSubmission(AttemptDraft(learnerId: learner.id, taskId: $0.taskId, source: $0.source,
                                              passed: false, score: 0, maxScore: 3, origin: .import,
                                              submittedAt: $0.submittedAt), checks: [])
            }
            _ = try instructor.recordAttempts(submissions)
            try instructor.importHints(decoded.hints, learner: learner.id)
        }
        let learner = try instructor.learner(named: "eve")
        #expect(try instructor.attempts(learner: learner.id).count == 3)
        #expect(try instructor.hintsUsed(learner: learner.id, task: "t1") == 2)
        #expect(try instructor.hintUses(learner: learner.id).count == 2)
    }

    @Test(arguments: [
        ("[1, 2]", "it is not a JSON object"),
        ("not json", "it is not a JSON object"),
        (#"{"name": "x"}"#, #"it has no `"format": "ecrlab-progress"` marker"#),
        (#"{"format": "other", "version": 1}"#, #"it has no `"format": "ecrlab-progress"` marker"#),
        (#"{"format": "ecrlab-progress", "version": 0}"#, "it has no valid `version`"),
        (#"{"format": "ecrlab-progress", "version": 1, "exportedAt": "2025-01-01T00:00:00Z"}"#, "`learner` is missing"),
        (#"{"format": "ecrlab-progress", "version": 1, "exportedAt": "2025-01-01T00:00:00Z", "learner": {"name": "a"}, "attempts": [{"taskId": 3}], "hints": []}"#,
         "`attempts[0].taskId` has a wrong value"),
    ])
    func notABundleIsRefused(text: String, reason: String) {
        #expect(throws: ProgressStoreError.notABundle(path: "x.json", reason: reason)) {
            try ProgressBundle.decode(Data(text.utf8), path: "x.json")
        }
    }

    @Test func newerBundleIsRefused() {
        #expect(throws: ProgressStoreError.unsupportedBundleVersion(path: "x.json", version: 7)) {
            try ProgressBundle.decode(Data(#"{"format": "ecrlab-progress", "version": 7}"#.utf8), path: "x.json")
        }
    }
}
