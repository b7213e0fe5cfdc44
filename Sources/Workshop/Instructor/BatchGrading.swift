import Dispatch
import Foundation
import LabKit
import ProgressStore

/// One graded file of a class folder.
public struct BatchGradeEntry: Sendable {
    public var learner: String
    public var path: String
    public var result: GradeResult
    /// The same learner, task and text were already in the database: nothing new was recorded.
    public var wasAlreadyRecorded: Bool
}

public struct BatchGradeOutcome: Sendable {
    /// The files graded and recorded, in the folder's order.
    public var graded: [BatchGradeEntry]
    public var skipped: [SkippedFile]
    /// How many files there were to grade: more than `graded.count` when the grading was stopped.
    public var total: Int

    public var newAttempts: Int { graded.filter { !$0.wasAlreadyRecorded }.count }
    /// The grading was stopped before every file was graded; grading the folder again does the rest.
    public var wasStopped: Bool { graded.count < total }
}

/// Grades a class folder into the progress database as `batch` attempts, in parallel, recording as it
/// goes: one transaction per batch of graded files (see `RecordingPace`), so a run that is stopped or
/// killed keeps what it committed. Idempotent: grading the same folder again records only what is
/// missing, and grades that first.
public struct BatchGrading: Sendable {
    public let pack: LabPack
    public let grader: Grader
    public let database: ProgressDatabase

    public init(pack: LabPack, database: ProgressDatabase, account: String? = nil) {
        self.pack = pack
        self.grader = Grader(pack: pack, environment: pack.environment(account: account))
        self.database = database
    }

    /// - Parameters:
    ///   - progress: called from grading threads with the number of files graded so far and the total.
    ///   - shouldStop: asked before each file and every few milliseconds while waiting; once it returns
    ///     true no new file is taken, the files being graded are finished and everything graded is
    ///     recorded before returning.
    public func grade(
        folder: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, at date: Date = Date(),
        pace: RecordingPace = .standard, progress: (@Sendable (Int, Int) -> Void)? = nil,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws -> BatchGradeOutcome {
        let contents = try SubmissionFolder(root: folder, pack: pack).scan()
        let submissions = contents.submissions
        var outcome = BatchGradeOutcome(graded: [], skipped: contents.skipped, total: submissions.count)
        guard !submissions.isEmpty, !shouldStop() else { return outcome }
        let names = Set(submissions.map(\.learner))
        let learners = try database.learners(named: names)

        // Files not on record yet are graded first: a run stopped again and again still gets further
        // each time. The others are graded too, for the output, but record nothing.
        let onRecord = try database.submissionsOnRecord(learners: learners.values.map(\.id))
        let isOnRecord = submissions.map { submission in
            onRecord.contains(SubmissionFingerprint(
                learnerId: learners[submission.learner]!.id, taskId: submission.task.id, source: submission.text))
        }
        let order = submissions.indices.filter { !isOnRecord[$0] } + submissions.indices.filter { isOnRecord[$0] }
        let workers = max(1, min(jobs, submissions.count))
        let board = GradingBoard(order: order, workers: workers)
        let grading = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async(group: grading) {
                defer { board.workerFinished() }
                while let index = board.claim(shouldStop: shouldStop) {
                    let submission = submissions[index]
                    let result = StoredChecks.grade(grader, text: submission.text, fileName: submission.path, task: submission.task)
                    let done = board.store(result, at: index, pace: pace)
                    progress?(done, submissions.count)
                }
            }
        }
        // This thread is the only writer: batches are committed one after the other, in file order
        // within each batch.
        var entries: [(index: Int, entry: BatchGradeEntry)] = []
        do {
            while let batch = board.nextBatch(pace: pace, shouldStop: shouldStop) {
                // Attempts are never deleted: what was on record before the run still is.
                let toRecord = batch.filter { !isOnRecord[$0.index] }
                let drafts = toRecord.map { item in
                    let submission = submissions[item.index]
                    return GradedSubmission(
                        AttemptDraft(learnerId: learners[submission.learner]!.id, taskId: submission.task.id,
                                     source: submission.text, passed: item.result.passed, score: item.result.score,
                                     maxScore: item.result.maxScore, origin: .batch, submittedAt: date),
                        checks: StoredChecks.records(item.result))
                }
                var recorded = (drafts.isEmpty ? [] : try database.recordAttempts(drafts)).makeIterator()
                for item in batch {
                    let submission = submissions[item.index]
                    // `recorded` follows `toRecord`, which keeps the batch's order.
                    let wasAlreadyRecorded = isOnRecord[item.index] || recorded.next()!.wasAlreadyRecorded
                    entries.append((item.index, BatchGradeEntry(
                        learner: submission.learner, path: submission.path, result: item.result,
                        wasAlreadyRecorded: wasAlreadyRecorded)))
                }
            }
        } catch {
            board.stop()
            grading.wait()
            throw error
        }
        grading.wait()
        // A file that took long to grade can come in a later batch than the files after it.
        outcome.graded = entries.sorted { $0.index < $1.index }.map(\.entry)
        return outcome
    }
}
