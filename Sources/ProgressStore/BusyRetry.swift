import Foundation

extension ProgressDatabase {
    /// Runs `operation` again while it fails because the database is busy, for about `limit` seconds in
    /// all (the database's `busyRetryLimit` unless given), then lets the last `ProgressStoreError.busy`
    /// through. Every write goes through this already.
    ///
    /// Each try already waits up to the busy timeout inside SQLite, but SQLite's busy handler is not
    /// fair: it sleeps and polls, so with many writers one process can lose every race for a whole
    /// timeout although the lock is free most of the time. A failed try wrote nothing (its transaction
    /// was rolled back), so trying again records each attempt once. Never call this inside a write.
    public func retryingWhileBusy<T>(for limit: TimeInterval? = nil, _ operation: () throws -> T) throws -> T {
        let limit = limit ?? busyRetryLimit
        let start = DispatchTime.now()
        var pause: TimeInterval = 0.005
        var generator = SystemRandomNumberGenerator()
        while true {
            do {
                return try operation()
            } catch ProgressStoreError.busy(let path) {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                guard elapsed < limit else { throw ProgressStoreError.busy(path: path) }
                // A random pause keeps the waiting processes from retrying in step with each other.
                let sleep = min(Double.random(in: pause...(2 * pause), using: &generator), limit - elapsed)
                usleep(useconds_t(sleep * 1_000_000))
                pause = min(pause * 2, 0.25)
            }
        }
    }
}
