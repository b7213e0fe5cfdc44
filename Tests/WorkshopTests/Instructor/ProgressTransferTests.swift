import Foundation
import ProgressStore
import Testing
@testable import Workshop

@Suite struct ProgressTransferTests {
    let pack = InstructorFixtures.pack

    /// A learner's own database with one failing attempt at task 04, exported as a bundle.
    func bundle() throws -> Data {
        let learnerSide = try ProgressDatabase.inMemory()
        let ana = try learnerSide.learner(named: "ana")
        _ = try learnerSide.recordAttempt(
            AttemptDraft(learnerId: ana.id, taskId: "04-ci-push-pull", source: InstructorFixtures.starter04, passed: false,
                         score: 3, maxScore: 13),
            checks: [])
        _ = try learnerSide.recordHint(learner: ana.id, task: "04-ci-push-pull")
        return try ProgressTransfer(pack: pack, database: learnerSide).export(learner: "ana")
    }

    @Test func importingTwiceChangesNothing() throws {
        let database = try ProgressDatabase.inMemory()
        let transfer = ProgressTransfer(pack: pack, database: database)
        let data = try bundle()
        let first = try transfer.importBundle(data, path: "ana.json")
        #expect((first.added, first.alreadyRecorded, first.hintsAdded) == (1, 0, 1))
        let second = try transfer.importBundle(data, path: "ana.json")
        #expect((second.added, second.alreadyRecorded, second.hintsAdded) == (0, 1, 0))
        let ana = try #require(try database.existingLearner(named: "ana"))
        #expect(try database.attempts(learner: ana.id).map(\.origin) == [.import])
    }

    @Test func aForgedVerdictCountsForNothing() throws {
        var text = String(decoding: try bundle(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"passed\" : false", with: "\"passed\" : true")
            .replacingOccurrences(of: "\"score\" : 3", with: "\"score\" : 13")
        #expect(text.contains("\"passed\" : true"))
        let database = try ProgressDatabase.inMemory()
        let summary = try ProgressTransfer(pack: pack, database: database).importBundle(Data(text.utf8), path: "forged.json")
        #expect(summary.verdictsOverruled == 1)
        let ana = try #require(try database.existingLearner(named: "ana"))
        let attempts = try database.attempts(learner: ana.id)
        #expect(attempts.map(\.passed) == [false])
        #expect(try database.taskStates(learner: ana.id)["04-ci-push-pull"]?.passed == false)
    }

    @Test func aFileThatIsNotABundleIsRefused() throws {
        let database = try ProgressDatabase.inMemory()
        #expect {
            _ = try ProgressTransfer(pack: pack, database: database).importBundle(Data(InstructorFixtures.starter04.utf8), path: "policy.json")
        } throws: { error in
            "\(error)".contains("`policy.json` is not an ecrlab progress bundle")
        }
        #expect(try database.learners().isEmpty)
    }
}
