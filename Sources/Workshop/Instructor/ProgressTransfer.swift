import Foundation
import LabKit
import ProgressStore

/// What importing one bundle did.
public struct BundleImportSummary: Sendable, Hashable, Codable {
    public var learner: String
    public var added = 0
    public var alreadyRecorded = 0
    /// Attempts at tasks this lab pack does not have: not graded, not recorded.
    public var unknownTasks: [String] = []
    /// Attempts whose verdict in the bundle differs from the re-grade (edited, or graded by another
    /// version of the lab): the re-grade is what counts.
    public var verdictsOverruled = 0
    public var hintsAdded = 0
}

/// Moves a learner's progress to the instructor. Import never trusts a bundle's verdicts: every
/// attempt is graded again from its submitted text and recorded with origin `import`, so a forged
/// "passed" counts for nothing and importing the same bundle twice adds nothing.
public struct ProgressTransfer: Sendable {
    public let pack: LabPack
    public let grader: Grader
    public let database: ProgressDatabase

    public init(pack: LabPack, database: ProgressDatabase, account: String? = nil) {
        self.pack = pack
        self.grader = Grader(pack: pack, environment: pack.environment(account: account))
        self.database = database
    }

    public func export(learner name: String, at date: Date = Date()) throws -> Data {
        guard let learner = try database.existingLearner(named: name) else {
            throw ProgressStoreError.unknownLearner(name: name)
        }
        return try database.exportBundle(learner: learner.id, at: date).encoded()
    }

    /// Throws `ProgressStoreError.notABundle` (and records nothing) for a file that is not a bundle.
    public func importBundle(_ data: Data, path: String) throws -> BundleImportSummary {
        let bundle = try ProgressBundle.decode(data, path: path)
        let info = bundle.learner
        try LearnerName.validate(info.name)
        // The instructor's roster wins: a bundle only fills in a learner the database does not know yet.
        let learner: Learner
        if let known = try database.existingLearner(named: info.name) {
            learner = known
        } else {
            try database.importRoster([RosterRow(name: info.name, displayName: info.displayName, email: info.email,
                                                 group: info.group)])
            guard let created = try database.existingLearner(named: info.name) else {
                throw ProgressStoreError.unknownLearner(name: info.name)
            }
            learner = created
        }
        var summary = BundleImportSummary(learner: learner.name)
        var drafts: [GradedSubmission] = []
        for entry in bundle.attempts {
            guard let task = pack.task(entry.taskId) else {
                if !summary.unknownTasks.contains(entry.taskId) { summary.unknownTasks.append(entry.taskId) }
                continue
            }
            let fileName = "\(learner.name)/\(task.id).\(SubmissionFolder.expectedExtension(task))"
            let result = StoredChecks.grade(grader, text: entry.source, fileName: fileName, task: task)
            if result.passed != entry.passed || result.score != entry.score { summary.verdictsOverruled += 1 }
            drafts.append(GradedSubmission(
                AttemptDraft(learnerId: learner.id, taskId: task.id, source: entry.source, passed: result.passed,
                             score: result.score, maxScore: result.maxScore, origin: .import, submittedAt: entry.submittedAt),
                checks: StoredChecks.records(result)))
        }
        for recorded in try database.recordAttempts(drafts) {
            if recorded.wasAlreadyRecorded { summary.alreadyRecorded += 1 } else { summary.added += 1 }
        }
        let knownHints = bundle.hints.filter { pack.task($0.taskId) != nil }
        summary.hintsAdded = try database.importHints(knownHints, learner: learner.id)
        return summary
    }
}
