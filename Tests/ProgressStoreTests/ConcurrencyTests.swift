import Foundation
import Testing
@testable import ProgressStore

/// Errors gathered from several threads.
private final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ error: any Error) { lock.withLock { errors.append(String(describing: error)) } }
    var all: [String] { lock.withLock { errors } }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ amount: Int) { lock.withLock { value += amount } }
    var total: Int { lock.withLock { value } }
}

/// Several `ProgressDatabase` values on one file stand for several processes: each has its own
/// connections and SQLite locks, and only the file is shared.
@Suite struct ConcurrencyTests {
    @Test func severalOpenersOfAFreshFileAllSucceed() throws {
        for _ in 0..<5 {
            let folder = try TemporaryFolder()
            let path = folder.path("progress/ecrlab.sqlite")
            let errors = ErrorLog()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let database = try ProgressDatabase(path: path)
                    _ = try database.learner(named: "alice")
                } catch {
                    errors.add(error)
                }
            }
            #expect(errors.all == [])
            #expect(try ProgressDatabase(path: path).learners().count == 1)
        }
    }

    @Test func concurrentLocalAttemptsFromSeveralDatabasesAreAllKept() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let databases = try (0..<3).map { _ in try ProgressDatabase(path: path) }
        let errors = ErrorLog()
        let workers = 12, perWorker = 25
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let database = databases[worker % databases.count]
            do {
                let learner = try database.learner(named: "learner\(worker % 4)")
                for index in 0..<perWorker {
                    _ = try database.recordAttempt(
                        .sample(learner: learner, task: "t\(index % 3)", source: "w\(worker) #\(index)"),
                        checks: [.failing("principal"), .passing("lint")])
                }
            } catch {
                errors.add(error)
            }
        }
        #expect(errors.all == [])
        let check = try ProgressDatabase(path: path)
        let (attempts, checks) = try check.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkResult"))
        }
        #expect(attempts == workers * perWorker)
        #expect(checks == 2 * workers * perWorker)
        #expect(try check.learners().count == 4)
    }

    @Test func concurrentBatchGradingRecordsEachSubmissionOnce() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let databases = try (0..<3).map { _ in try ProgressDatabase(path: path) }
        let names = (0..<5).map { "student\($0)" }
        let errors = ErrorLog()
        let newlyRecorded = Counter()
        // Every worker grades the whole class folder, as overlapping `grade` runs would.
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            let database = databases[worker % databases.count]
            do {
                let learners = try database.learners(named: names)
                let submissions = names.flatMap { name in
                    (0..<10).map { task in
                        GradedSubmission(.sample(learner: learners[name]!, task: "t\(task)",
                                                 source: "\(name) answer \(task)", origin: .batch),
                                         checks: [.failing("least")])
                    }
                }
                for chunk in stride(from: 0, to: submissions.count, by: 7) {
                    let recorded = try database.recordAttempts(Array(submissions[chunk..<min(chunk + 7, submissions.count)]))
                    newlyRecorded.add(recorded.filter { !$0.wasAlreadyRecorded }.count)
                }
            } catch {
                errors.add(error)
            }
        }
        #expect(errors.all == [])
        #expect(newlyRecorded.total == 50)
        let attempts = try databases[0].read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") }
        #expect(attempts == 50)
    }

    /// A real second process (the sqlite3 shell) holds the write lock for a moment; the store's write
    /// waits for it instead of failing with "database is locked".
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func writerWaitsForAnotherProcessHoldingTheLock() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let database = try ProgressDatabase(path: path)
        let marker = folder.path("locked")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path]
        let input = Pipe()
        shell.standardInput = input
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        input.fileHandleForWriting.write(Data("""
            .timeout 10000
            BEGIN IMMEDIATE;
            INSERT INTO setting (key, value) VALUES ('holder', 'sqlite3');
            .shell touch '\(marker)'
            .shell sleep 1
            COMMIT;

            """.utf8))
        try input.fileHandleForWriting.close()
        // Wait until the other process holds the lock (bounded, so a broken shell cannot hang the test).
        for _ in 0..<1000 where !FileManager.default.fileExists(atPath: marker) { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: marker))
        try database.setSetting("writer", to: "store")
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(try database.settings() == ["holder": "sqlite3", "writer": "store"])
    }

    /// SQLite's busy handler gives up after the busy timeout; a write that other processes keep out
    /// for longer is tried again instead of reporting "database is locked". Every write goes through
    /// the retry, so a plain setting outlasts a holder that keeps the lock for ten busy timeouts.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aWriteKeptOutPastTheBusyTimeoutIsTriedAgain() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let database = try ProgressDatabase(path: path, busyTimeout: 0.05)
        let holder = try LockHolder(database: path, marker: folder.path("locked"))
        let outcome = ErrorLog()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do {
                try database.setSetting("writer", to: "store")
            } catch {
                outcome.add(error)
            }
            finished.signal()
        }
        // Without the retry the write would have failed with the busy error well before this.
        #expect(finished.wait(timeout: .now() + 0.5) == .timedOut)
        try holder.release()
        #expect(finished.wait(timeout: .now() + 120) == .success)
        #expect(outcome.all == [])
        #expect(try database.settings()["writer"] == "store")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func retryingGivesUpAfterItsLimitWithTheBusyError() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let database = try ProgressDatabase(path: path, busyTimeout: 0.05, busyRetryLimit: 0.3)
        let holder = try LockHolder(database: path, marker: folder.path("locked"))
        defer { try? holder.release() }
        #expect(throws: ProgressStoreError.busy(path: path)) {
            try database.setSetting("writer", to: "store")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func recordingAnAttemptWaitsOutAHolderPastTheBusyTimeout() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let database = try ProgressDatabase(path: path, busyTimeout: 0.05)
        let learner = try database.learner(named: "patient")
        let holder = try LockHolder(database: path, marker: folder.path("locked"))
        let outcome = ErrorLog()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do {
                _ = try database.recordAttempt(.sample(learner: learner), checks: [.passing("lint")])
            } catch {
                outcome.add(error)
            }
            finished.signal()
        }
        // Many busy timeouts long: without retrying, the recording would have failed by now.
        let waitedOut = finished.wait(timeout: .now() + 0.5) == .timedOut
        #expect(waitedOut)
        try holder.release()
        if waitedOut { #expect(finished.wait(timeout: .now() + 120) == .success) }
        #expect(outcome.all == [])
        #expect(try database.attempts(learner: learner.id).count == 1)
    }

    /// Separate processes running the store: this test binary is started again, twice, with a
    /// filter that runs only `childProcessWriter`, while this process writes too.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PROGRESS_STORE_CHILD_DB"] == nil
                   && FileManager.default.isExecutableFile(atPath: "/proc/self/exe")))
    func separateProcessesWritingAtOnceLoseNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let children = try (0..<2).map { index in
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["--testing-library", "swift-testing", "--filter", "childProcessWriter"]
            var environment = ProcessInfo.processInfo.environment
            environment["PROGRESS_STORE_CHILD_DB"] = path
            environment["PROGRESS_STORE_CHILD_NAME"] = "child\(index)"
            child.environment = environment
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            return child
        }
        let database = try ProgressDatabase(path: path)
        let parent = try database.learner(named: "parent")
        for index in 0..<Self.childAttempts {
            _ = try database.recordAttempt(.sample(learner: parent, source: "parent \(index)"), checks: [.passing("lint")])
        }
        for child in children { child.waitUntilExit() }
        #expect(children.map(\.terminationStatus) == [0, 0])
        for name in ["parent", "child0", "child1"] {
            let learner = try #require(try database.existingLearner(named: name))
            #expect(try database.attempts(learner: learner.id).count == Self.childAttempts)
        }
    }

    static let childAttempts = 200

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PROGRESS_STORE_CHILD_DB"] != nil))
    func childProcessWriter() throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try ProgressDatabase(path: try #require(environment["PROGRESS_STORE_CHILD_DB"]))
        let learner = try database.learner(named: try #require(environment["PROGRESS_STORE_CHILD_NAME"]))
        for index in 0..<Self.childAttempts {
            _ = try database.recordAttempt(.sample(learner: learner, source: "\(learner.name) \(index)"),
                                           checks: [.passing("lint")])
        }
    }
}

/// Another process (the sqlite3 shell) holding the database's write lock until released.
private final class LockHolder {
    private let shell = Process()
    private let input = Pipe()

    init(database path: String, marker: String) throws {
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path]
        shell.standardInput = input
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell touch '\(marker)'\n".utf8))
        // Bounded, so a broken shell cannot hang the test.
        for _ in 0..<3000 where !FileManager.default.fileExists(atPath: marker) { usleep(10_000) }
        guard FileManager.default.fileExists(atPath: marker) else {
            shell.terminate()
            throw CancellationError()
        }
    }

    func release() throws {
        guard shell.isRunning else { return }
        input.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
    }

    deinit { if shell.isRunning { shell.terminate() } }
}
