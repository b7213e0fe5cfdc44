import Foundation
import LabKit

/// How often batch grading commits what it has graded: after `files` graded files or `seconds` after
/// the oldest one not yet recorded, whichever comes first. Each commit is one transaction, so a run
/// that is stopped or killed keeps everything committed before.
public struct RecordingPace: Sendable, Hashable {
    public var files: Int
    public var seconds: TimeInterval

    public init(files: Int = 256, seconds: TimeInterval = 0.5) {
        self.files = max(1, files)
        self.seconds = max(0, seconds)
    }

    public static let standard = RecordingPace()
}

/// Where grading threads take files and leave results, and the recorder picks them up in batches.
/// Everything goes through one condition lock: a few operations per graded file, against
/// milliseconds of grading each.
final class GradingBoard: @unchecked Sendable {
    private let condition = NSCondition()
    /// The files in the order they are handed out.
    private let order: [Int]
    private var next = 0
    private var graded = 0
    private var results: [GradeResult?]
    /// Indices graded but not handed to the recorder yet, and when the oldest of them was graded.
    private var pending: [Int] = []
    private var oldestPending: Date?
    private var activeWorkers: Int
    private var stopped = false

    /// `order` lists every file index once, the first to grade first.
    init(order: [Int], workers: Int) {
        self.order = order
        results = Array(repeating: nil, count: order.count)
        activeWorkers = workers
    }

    /// The next file to grade, or nil once every file is taken or the grading was stopped.
    func claim(shouldStop: () -> Bool) -> Int? {
        condition.withLock {
            if !stopped && shouldStop() { stopped = true }
            guard !stopped, next < order.count else { return nil }
            next += 1
            return order[next - 1]
        }
    }

    /// Stores the result of `index` and returns how many files are graded so far.
    func store(_ result: GradeResult, at index: Int, pace: RecordingPace) -> Int {
        condition.withLock {
            results[index] = result
            if pending.isEmpty { oldestPending = Date() }
            pending.append(index)
            graded += 1
            if pending.count >= pace.files { condition.broadcast() }
            return graded
        }
    }

    func workerFinished() {
        condition.withLock {
            activeWorkers -= 1
            condition.broadcast()
        }
    }

    /// No more files are taken; files being graded are finished.
    func stop() {
        condition.withLock { stopped = true }
    }

    /// Waits for the next batch to record, in file order: `pace.files` results, or fewer once the
    /// oldest has waited `pace.seconds` or the grading is over. Nil when everything graded was handed
    /// out and no worker is left. `shouldStop` is asked at least every 50 ms while waiting.
    func nextBatch(pace: RecordingPace, shouldStop: () -> Bool) -> [(index: Int, result: GradeResult)]? {
        condition.withLock {
            while true {
                if !stopped && shouldStop() { stopped = true }
                let due = oldestPending.map { $0.addingTimeInterval(pace.seconds) } ?? .distantFuture
                if pending.count >= pace.files || (!pending.isEmpty && (activeWorkers == 0 || due <= Date())) {
                    pending.sort()
                    let taken = pending.prefix(pace.files)
                    pending.removeFirst(taken.count)
                    // What stays behind is already due: it goes out with the next call.
                    if pending.isEmpty { oldestPending = nil }
                    return taken.map { ($0, results[$0]!) }
                }
                if activeWorkers == 0 { return nil }
                _ = condition.wait(until: min(due, Date().addingTimeInterval(0.05)))
            }
        }
    }
}
