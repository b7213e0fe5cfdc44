import Foundation
import GRDB
import Synchronization

/// The progress database: learners, attempts, hints, settings and the local repositories.
///
/// Several processes may open the same file at once (a learner's `watch` next to `check`, an
/// instructor's `grade` jobs): the file is in WAL mode, writes take SQLite's lock up front and wait up
/// to `busyTimeout` for each other instead of failing, and every operation is one transaction.
///
/// Opening writes nothing: a database that is damaged, from a newer ecrlab or another program is
/// refused with its files left as they were, and a database this process cannot write is opened
/// read-only (reading works, a change is refused with a clear message). Before its first change,
/// a process checks the whole file, so nothing is ever written into a damaged database.
public final class ProgressDatabase: Sendable {
    /// The database file, as given (`:memory:` for an in-memory database).
    public let path: String
    let writer: any DatabaseWriter
    /// Set for `temporary()`: the folder is removed with the database.
    private let temporaryFolder: URL?
    /// The file or its folder cannot be written by this process: changes are refused by SQLite.
    public let isReadOnly: Bool
    /// Whether the file has been found whole since it was opened; set before the first change.
    private let checkedForWriting: Mutex<Bool>

    /// How long, in all, a write keeps trying while other processes keep the database busy.
    public let busyRetryLimit: TimeInterval

    /// How long a write waits for another process's write before giving up.
    public static let defaultBusyTimeout: TimeInterval = 10
    /// How long a write keeps trying, busy timeout after busy timeout, before reporting the database busy.
    public static let defaultBusyRetryLimit: TimeInterval = 60

    /// Opens (creating it and its folders if needed) and migrates the database at `path`.
    ///
    /// Refuses, without changing anything, a database that a newer version has migrated further, a
    /// damaged one, a file that is not a progress database, and a path that is not a file.
    public convenience init(
        path: String, busyTimeout: TimeInterval = ProgressDatabase.defaultBusyTimeout,
        busyRetryLimit: TimeInterval = ProgressDatabase.defaultBusyRetryLimit
    ) throws {
        try self.init(path: path, busyTimeout: busyTimeout, busyRetryLimit: busyRetryLimit, temporaryFolder: nil)
    }

    private init(path: String, busyTimeout: TimeInterval, busyRetryLimit: TimeInterval, temporaryFolder: URL?) throws {
        self.path = path
        self.busyRetryLimit = busyRetryLimit
        self.temporaryFolder = temporaryFolder
        try DatabaseFile.prepare(path)
        // Creating and migrating a fresh file is serialised between processes by a lock file, so
        // concurrent openers wait their turn instead of failing, and none sees a half-made file.
        let openingLock = OpeningLock(path: path + ".lock")
        defer { openingLock.release() }
        let file = try DatabaseFile.inspect(path)
        if !file.isWritable && (file.size ?? 0) == 0 { throw ProgressStoreError.readOnly(path: path) }
        isReadOnly = !file.isWritable
        checkedForWriting = Mutex(false)
        do {
            writer = try Self.connect(file, busyTimeout: busyTimeout)
            try checkSchema()
        } catch {
            // Reading a read-only database in WAL mode needs a `-shm` file next to it, unless the log is empty.
            if isReadOnly && file.hasPendingLog,
               let error = error as? DatabaseError, [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
                throw ProgressStoreError.readOnlyWithPendingLog(path: path)
            }
            throw ProgressStoreError.wrapping(error, path: path)
        }
        try migrate()
    }

    private static func connect(_ file: DatabaseFile, busyTimeout: TimeInterval) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "ProgressDatabase"
        configuration.readonly = !file.isWritable
        // As in GRDB's own WAL set-up: a commit survives the process being killed, not a power cut.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        // One connection that opens the file without writing to it (a pool would write a transaction
        // at once); WAL still lets other processes read while this one writes.
        var location = file.sqlitePath
        if !file.isWritable && !file.hasPendingLog && !file.hasSharedMemory {
            // No process has the database open and the file holds all of it: read it as it is, without
            // creating `-wal` and `-shm` files, which a read-only folder could not hold anyway. (A writer
            // with more rights that starts meanwhile is not seen: this read shows the file as it was.)
            location = file.immutableURI
        }
        return try DatabaseQueue(path: location, configuration: configuration)
    }

    private init(inMemoryWriter: DatabaseQueue) throws {
        self.path = ":memory:"
        self.temporaryFolder = nil
        self.writer = inMemoryWriter
        self.busyRetryLimit = 0
        self.isReadOnly = false
        self.checkedForWriting = Mutex(true)
        try migrate()
    }

    /// A private in-memory database, gone when the value is released (for tests and previews).
    public static func inMemory() throws -> ProgressDatabase {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try ProgressDatabase(inMemoryWriter: DatabaseQueue(configuration: configuration))
    }

    /// A fresh on-disk database (WAL, like the real one) in a new temporary folder that is removed
    /// when the value is released.
    public static func temporary() throws -> ProgressDatabase {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecrlab-progress-\(UUID().uuidString)", isDirectory: true)
        let path = folder.appendingPathComponent("progress.sqlite").path
        return try ProgressDatabase(path: path, busyTimeout: defaultBusyTimeout, busyRetryLimit: defaultBusyRetryLimit, temporaryFolder: folder)
    }

    deinit {
        if let temporaryFolder {
            try? FileManager.default.removeItem(at: temporaryFolder)
        }
    }

    /// The migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    // MARK: - Transactions

    /// Runs `body` in one write transaction (IMMEDIATE, so it waits for other writers up front). A
    /// transaction kept out by other processes past the busy timeout is tried again (see
    /// `retryingWhileBusy`): every change a learner or an instructor asks for is worth waiting for.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try retryingWhileBusy {
            do {
                try checkBeforeWriting()
                return try writer.write(body)
            } catch {
                throw ProgressStoreError.wrapping(error, path: path)
            }
        }
    }

    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw ProgressStoreError.wrapping(error, path: path)
        }
    }

    // MARK: - Opening

    /// Refuses, before anything is written, a database this version must not change: one written by a
    /// newer ecrlab, or another program's database.
    private func checkSchema() throws {
        let migrator = Schema.migrator
        let (tables, applied) = try writer.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"),
             try migrator.appliedIdentifiers(db))
        }
        if !tables.isEmpty && !applied.contains(migrator.migrations[0]) {
            throw ProgressStoreError.notADatabase(path: path)
        }
        let unknown = applied.subtracting(migrator.migrations).sorted()
        if !unknown.isEmpty {
            throw ProgressStoreError.newerSchema(path: path, unknownMigrations: unknown)
        }
    }

    /// Checks the whole file once before the first change of this process: SQLite notices damage only
    /// in the pages a statement reads, and a change that misses the damaged pages would succeed.
    /// Reading never needs this: a damaged page it reads fails with the same clear message.
    private func checkBeforeWriting() throws {
        if isReadOnly { return }
        try checkedForWriting.withLock { checked in
            if checked { return }
            let verdict = try writer.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check(1)") }
            guard verdict == "ok" else { throw ProgressStoreError.damaged(path: path) }
            // Concurrent processes rely on WAL; a fresh file (or one another tool switched) is set to it.
            try writer.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            checked = true
        }
    }

    private func migrate() throws {
        let migrator = Schema.migrator
        let complete = try read { db in try migrator.hasCompletedMigrations(db) }
        if complete { return }
        if isReadOnly { throw ProgressStoreError.readOnly(path: path) }
        do {
            try checkBeforeWriting()
        } catch {
            throw ProgressStoreError.wrapping(error, path: path)
        }
        // Without the opening lock (it could not be created) another process may be migrating the same
        // fresh file: GRDB reads the applied migrations before taking the write lock, so the loser of
        // that race fails on "table already exists". Once the winner is done, the failure can be dropped.
        var attempt = 0
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                attempt += 1
                let completed = (try? read { db in try migrator.hasCompletedMigrations(db) }) ?? false
                if completed { return }
                if attempt >= 3 { throw ProgressStoreError.wrapping(error, path: path) }
            }
        }
    }
}

/// An advisory `flock` held while a database file is inspected, opened and migrated. `flock` needs
/// no write access, so a lock file this user cannot write (left by another user) is opened for
/// reading. Where there is none and it cannot be created (a read-only folder, where nothing can be
/// created or migrated anyway), opening goes on without it.
private struct OpeningLock {
    let descriptor: Int32

    init(path: String) {
        var descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        if descriptor < 0 { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
        self.descriptor = descriptor
        if descriptor >= 0 {
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
