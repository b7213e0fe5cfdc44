import Foundation
import GRDB
import Testing
@testable import ProgressStore

@Suite struct AttemptTests {
    @Test func localAttemptsAreAppendedWithTheirChecksInOrder() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        let checks = [CheckRecord.failing("grant.push", "cannot push"), .passing("lint"), .failing("least", "too wide")]
        let first = try database.recordAttempt(.sample(learner: alice), checks: checks)
        let second = try database.recordAttempt(.sample(learner: alice), checks: checks)
        #expect(!first.wasAlreadyRecorded && !second.wasAlreadyRecorded)
        #expect(first.attempt.id != second.attempt.id)
        #expect(first.attempt.sourceHash == SHA256.hex(#"{"Version":"2012-10-17"}"#))
        let stored = try database.attempts(learner: alice.id, task: "repo-policy")
        #expect(stored.map(\.id) == [first.attempt.id, second.attempt.id])
        #expect(stored == [first.attempt, second.attempt])  // what is returned is what is stored
        #expect(try database.checkResults(attempt: first.attempt.id).map(\.record) == checks)
        let history = try database.history(learner: alice.id)
        #expect(history.count == 2)
        #expect(history[1].checkResults.map(\.checkId) == ["grant.push", "lint", "least"])
    }

    @Test(arguments: ["", "héllo ✓ \u{1F600}\r\n\t", String(repeating: "{\"Statement\": []}\n", count: 2_000)])
    func textIsStoredExactly(source: String) throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        let check = CheckRecord(checkId: "c", passed: false, severity: .warning, message: source)
        let recorded = try database.recordAttempt(.sample(learner: alice, source: source, origin: .batch), checks: [check])
        #expect(try database.attempts(learner: alice.id).map(\.source) == [source])
        #expect(try database.checkResults(attempt: recorded.attempt.id).map(\.record) == [check])
        #expect(try database.recordAttempt(.sample(learner: alice, source: source, origin: .batch), checks: [])
            .wasAlreadyRecorded)
    }

    @Test func batchAndImportAreIdempotent() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        let draft = AttemptDraft.sample(learner: alice, passed: true, score: 3, origin: .batch)
        let first = try database.recordAttempt(draft, checks: [.passing("grant.push")])
        let again = try database.recordAttempt(draft, checks: [.passing("grant.push")])
        var forged = draft
        forged.origin = .import
        forged.passed = false
        forged.score = 0
        let imported = try database.recordAttempt(forged, checks: [])
        #expect(!first.wasAlreadyRecorded)
        #expect(again.wasAlreadyRecorded && imported.wasAlreadyRecorded)
        #expect(again.attempt.id == first.attempt.id && imported.attempt.passed)
        // A different text, or another learner, is another submission.
        var changed = draft
        changed.source += " "
        let bob = try database.learner(named: "bob")
        var bobs = draft
        bobs.learnerId = bob.id
        let results = try database.recordAttempts([
            GradedSubmission(changed, checks: []), GradedSubmission(bobs, checks: []), GradedSubmission(bobs, checks: []),
        ])
        #expect(results.map(\.wasAlreadyRecorded) == [false, false, true])
        #expect(try database.attempts(learner: alice.id).count == 2)
        #expect(try database.attempts(learner: bob.id).count == 1)
    }

    @Test func attemptsCannotBeChangedOrRemoved() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        let recorded = try database.recordAttempt(.sample(learner: alice), checks: [])
        #expect(throws: (any Error).self) {
            try database.write { db in try db.execute(sql: "UPDATE attempt SET passed = 1") }
        }
        #expect(throws: (any Error).self) {
            try database.write { db in try db.execute(sql: "DELETE FROM attempt") }
        }
        let stored = try database.attempts(learner: alice.id)
        #expect(stored.map(\.id) == [recorded.attempt.id])
        #expect(stored.map(\.passed) == [false])
    }

    @Test func aFailingBatchRecordsNothing() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        var ghost = AttemptDraft.sample(learner: alice)
        ghost.learnerId = 999
        #expect(throws: ProgressStoreError.invalidAttempt(task: "repo-policy", reason: "learner #999 is not in the progress database")) {
            try database.recordAttempts([GradedSubmission(.sample(learner: alice), checks: []), GradedSubmission(ghost, checks: [])])
        }
        #expect(try database.attempts(learner: alice.id).isEmpty)
    }

    @Test func invalidDraftsAreRefused() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        #expect(throws: ProgressStoreError.self) {
            try database.recordAttempt(.sample(learner: alice, score: 4, maxScore: 3), checks: [])
        }
        #expect(throws: ProgressStoreError.self) {
            try database.recordAttempt(.sample(learner: alice, task: ""), checks: [])
        }
        #expect(throws: ProgressStoreError.self) {
            try database.recordAttempt(.sample(learner: alice), checks: [.failing("")])
        }
        // SQLite keeps text after a NUL but reading it back stops there: such a file is not text.
        #expect(throws: ProgressStoreError.invalidAttempt(
            task: "repo-policy", reason: "the submitted text contains a NUL character; submit a text file")) {
            try database.recordAttempt(.sample(learner: alice, source: "{}\u{0}"), checks: [])
        }
    }

    @Test func taskStatesSummariseAttemptsAndHints() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        _ = try database.recordAttempt(.sample(learner: alice, task: "t1", score: 1), checks: [])
        _ = try database.recordAttempt(.sample(learner: alice, task: "t1", passed: true, score: 3), checks: [])
        _ = try database.recordAttempt(.sample(learner: alice, task: "t2", score: 2), checks: [])
        _ = try database.recordHint(learner: alice.id, task: "t3")
        let states = try database.taskStates(learner: alice.id)
        #expect(states["t1"]?.status == .passed(count: 2))
        #expect(states["t1"]?.bestScore == 3)
        #expect(states["t2"]?.status == .attempted(count: 1))
        #expect(states["t3"]?.status == .notStarted)
        #expect(states["t3"]?.hintsUsed == 1)
        #expect(states["t4"] == nil)
    }
}
