import Foundation

/// What grading one task works out that no submission changes — the lab's compiled policies, the
/// requests for every principal × action, what the task requires of each, the plan of checks — kept
/// across submissions. A class of ten thousand submissions would otherwise redo it ten thousand
/// times. Shared by the workers of a batch, hence the lock; values are immutable once stored.
final class GradingMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    func value<Value>(_ key: String, _ make: () -> Value) -> Value {
        if let cached = lock.withLock({ values[key] }) as? Value { return cached }
        // Built outside the lock: two workers may build the same value once each, which is harmless.
        let made = make()
        lock.withLock { values[key] = made }
        return made
    }
}
