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
    public var graded: [BatchGradeEntry]
    public var skipped: [SkippedFile]

    public var newAttempts: Int { graded.filter { !$0.wasAlreadyRecorded }.count }
}

/// Grades a class folder into the progress database as `batch` attempts, in parallel, then records
/// everything in one transaction. Idempotent: grading the same folder again records nothing.
public struct BatchGrading: Sendable {
    public let pack: LabPack
    public let grader: Grader
    public let database: ProgressDatabase

    public init(pack: LabPack, database: ProgressDatabase, account: String? = nil) {
        self.pack = pack
        self.grader = Grader(pack: pack, environment: pack.environment(account: account))
        self.database = database
    }

    /// `progress` is called from grading threads with the number of files graded so far and the total.
    public func grade(
        folder: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, at date: Date = Date(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> BatchGradeOutcome {
        let contents = try SubmissionFolder(root: folder, pack: pack).scan()
        let results = gradeAll(contents.submissions, jobs: jobs, progress: progress)
        let learners = try database.learners(named: Set(contents.submissions.map(\.learner)))
        let drafts = zip(contents.submissions, results).map { submission, result in
            GradedSubmission(
                AttemptDraft(learnerId: learners[submission.learner]!.id, taskId: submission.task.id, source: submission.text,
                             passed: result.passed, score: result.score, maxScore: result.maxScore, origin: .batch,
                             submittedAt: date),
                checks: StoredChecks.records(result))
        }
        let recorded = try database.recordAttempts(drafts)
        let graded = zip(contents.submissions, zip(results, recorded)).map { submission, pair in
            BatchGradeEntry(learner: submission.learner, path: submission.path, result: pair.0,
                            wasAlreadyRecorded: pair.1.wasAlreadyRecorded)
        }
        return BatchGradeOutcome(graded: graded, skipped: contents.skipped)
    }

    /// Grades on `jobs` threads; each thread takes the next small chunk of files until none is left.
    func gradeAll(_ submissions: [FolderSubmission], jobs: Int, progress: (@Sendable (Int, Int) -> Void)?) -> [GradeResult] {
        let slots = ResultSlots(count: submissions.count)
        let workers = max(1, min(jobs, submissions.count))
        let chunk = 8
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let range = slots.claim(chunk) {
                for index in range {
                    let submission = submissions[index]
                    slots.store(StoredChecks.grade(grader, text: submission.text, fileName: submission.path, task: submission.task), at: index)
                }
                if let progress { progress(slots.finish(range.count), submissions.count) }
            }
        }
        return slots.results
    }
}

/// Results written by many threads, each to its own index; claiming work and counting go through a lock.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private let count: Int
    private let storage: UnsafeMutablePointer<GradeResult?>

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: max(count, 1))
    }

    deinit {
        storage.deinitialize(count: max(count, 1))
        storage.deallocate()
    }

    func claim(_ size: Int) -> Range<Int>? {
        lock.withLock {
            guard next < count else { return nil }
            let range = next..<min(next + size, count)
            next = range.upperBound
            return range
        }
    }

    /// Each index is written by exactly one thread, and read only after every thread has finished.
    func store(_ result: GradeResult, at index: Int) { storage[index] = result }

    func finish(_ amount: Int) -> Int { lock.withLock { done += amount; return done } }

    var results: [GradeResult] { (0..<count).map { storage[$0]! } }
}
