import Foundation
import GRDB

/// The progress database: learners, attempts, hints, settings and the local repositories.
///
/// Several processes may open the same file at once (a learner's `watch` next to `check`, an
/// instructor's `grade` jobs): the file is in WAL mode, writes take SQLite's lock up front and wait up
/// to `busyTimeout` for each other instead of failing, and every operation is one transaction.
public final class ProgressDatabase: Sendable {
    /// The database file, as given (`:memory:` for an in-memory database).
    public let path: String
    let writer: any DatabaseWriter
    /// Set for `temporary()`: the folder is removed with the database.
    private let temporaryFolder: URL?

    /// How long a write waits for another process's write before giving up.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens (creating it and its folders if needed) and migrates the database at `path`.
    ///
    /// Refuses, without changing anything, a database that a newer version has migrated further.
    public convenience init(path: String, busyTimeout: TimeInterval = ProgressDatabase.defaultBusyTimeout) throws {
        try self.init(path: path, busyTimeout: busyTimeout, temporaryFolder: nil)
    }

    private init(path: String, busyTimeout: TimeInterval, temporaryFolder: URL?) throws {
        self.path = path
        self.temporaryFolder = temporaryFolder
        try Self.prepareFolder(for: path)
        // Opening switches a fresh file to WAL and migrates it; several processes doing that at
        // once can hold each other's locks past any busy timeout. A lock file serialises just this
        // step, so concurrent openers wait their turn instead of failing.
        let openingLock = OpeningLock(path: path + ".lock")
        defer { openingLock.release() }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "ProgressDatabase"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw ProgressStoreError.wrapping(error, path: path)
        }
        self.writer = pool
        try migrate()
    }

    private init(inMemoryWriter: DatabaseQueue) throws {
        self.path = ":memory:"
        self.temporaryFolder = nil
        self.writer = inMemoryWriter
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
        return try ProgressDatabase(path: path, busyTimeout: defaultBusyTimeout, temporaryFolder: folder)
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

    /// Runs `body` in one write transaction (IMMEDIATE, so it waits for other writers up front).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch {
            throw ProgressStoreError.wrapping(error, path: path)
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

    private static func prepareFolder(for path: String) throws {
        let fileManager = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw ProgressStoreError.cannotCreateFolder(path: path, reason: "`\(folder)` is a file")
            }
        } else {
            do {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ProgressStoreError.cannotCreateFolder(path: path, reason: Self.reason(error))
            }
        }
        // SQLite needs to create the -wal and -shm files next to the database, even to read it.
        if !fileManager.isWritableFile(atPath: folder)
            || (fileManager.fileExists(atPath: path) && !fileManager.isWritableFile(atPath: path))
        {
            throw ProgressStoreError.readOnly(path: path)
        }
    }

    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying.map({ POSIXErrorCode(rawValue: Int32($0.code)) }) ?? nil {
            switch code {
            case .EACCES, .EPERM, .EROFS: return "permission denied"
            case .ENOTDIR: return "a part of the path is a file"
            case .ENOSPC: return "the disk is full"
            default: break
            }
        }
        return "the folder cannot be created"
    }

    private func migrate() throws {
        let migrator = Schema.migrator
        // Checked before migrating so that a newer database is left exactly as it is.
        let unknown = try read { db in
            try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
        }
        if !unknown.isEmpty {
            throw ProgressStoreError.newerSchema(path: path, unknownMigrations: unknown)
        }
        // Another process may be migrating the same fresh file: GRDB reads the applied migrations
        // before taking the write lock, so the loser of that race fails on "table already exists".
        // Once the winner is done, the database is complete and the failure can be dropped.
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

/// An advisory `flock` held while a database file is opened and migrated. Where the lock file
/// cannot be created (a read-only folder), opening goes on without it and SQLite's own locking
/// reports what is wrong.
private struct OpeningLock {
    let descriptor: Int32

    init(path: String) {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
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
