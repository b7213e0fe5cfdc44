import Foundation
import GRDB
import Testing
@testable import ProgressStore

/// The bytes of a database and its companion files, to show that a refused opening changed nothing.
struct DatabaseFiles: Equatable {
    var database: Data?
    var log: Data?
    var sharedMemory: Data?

    init(_ path: String) {
        database = FileManager.default.contents(atPath: path)
        log = FileManager.default.contents(atPath: path + "-wal")
        sharedMemory = FileManager.default.contents(atPath: path + "-shm")
    }
}

/// Deterministic garbage, so a failure can be reproduced byte for byte.
struct Garbage {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func bytes(_ count: Int) -> Data {
        var data = Data(capacity: count)
        while data.count < count {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            value ^= value >> 31
            withUnsafeBytes(of: value) { data.append(contentsOf: $0.prefix(count - data.count)) }
        }
        return data
    }
}

enum SampleDatabase {
    static let pageSize = 4096

    /// A closed, fully checkpointed progress database with a few hundred attempts (tens of pages).
    static func make(at path: String) throws {
        let database = try ProgressDatabase(path: path)
        let learners = try database.learners(named: (0..<20).map { "learner\($0)" })
        let submissions = learners.values.sorted { $0.id < $1.id }.flatMap { learner in
            (0..<10).map { index in
                GradedSubmission(.sample(learner: learner, task: "t\(index)",
                                         source: String(repeating: "{\"Statement\":[]}", count: 40) + "\(learner.id)-\(index)",
                                         origin: .batch),
                                 checks: [.failing("least"), .passing("lint")])
            }
        }
        _ = try database.recordAttempts(submissions)
    }

    static func write(_ data: Data, to path: String) throws {
        try data.write(to: URL(fileURLWithPath: path))
    }
}

/// Files that are not, or no longer, a progress database this version may write into: each is
/// refused with its own message, and every byte of the database and its log is left as it was.
@Suite struct DamagedFileTests {
    enum Damage: String, CaseIterable, Sendable {
        case randomBytes, textFile, truncatedHalfway, garbageAfterFirstPage, garbageOverTheSchema
    }

    static func damage(_ damage: Damage, path: String) throws -> ProgressStoreError {
        var garbage = Garbage(seed: 7)
        switch damage {
        case .randomBytes:
            try SampleDatabase.write(garbage.bytes(64 * 1024), to: path)
            return .notADatabase(path: path)
        case .textFile:
            try SampleDatabase.write(Data(String(repeating: "name,score\nana,3\n", count: 500).utf8), to: path)
            return .notADatabase(path: path)
        case .truncatedHalfway:
            try SampleDatabase.make(at: path)
            let bytes = try #require(FileManager.default.contents(atPath: path))
            try SampleDatabase.write(bytes.prefix(bytes.count / 2), to: path)
            return .damaged(path: path)
        case .garbageAfterFirstPage:
            try SampleDatabase.make(at: path)
            var bytes = try #require(FileManager.default.contents(atPath: path))
            let page = SampleDatabase.pageSize
            bytes.replaceSubrange(page..<bytes.count, with: garbage.bytes(bytes.count - page))
            try SampleDatabase.write(bytes, to: path)
            return .damaged(path: path)
        case .garbageOverTheSchema:
            // The header is intact; the list of tables behind it is not.
            try SampleDatabase.make(at: path)
            var bytes = try #require(FileManager.default.contents(atPath: path))
            bytes.replaceSubrange(100..<SampleDatabase.pageSize, with: garbage.bytes(SampleDatabase.pageSize - 100))
            try SampleDatabase.write(bytes, to: path)
            return .damaged(path: path)
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedFileIsRefusedAndLeftAsItWas(damage: Damage) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let expected = try Self.damage(damage, path: path)
        let before = DatabaseFiles(path)
        #expect(throws: expected) { try ProgressDatabase(path: path) }
        #expect(DatabaseFiles(path) == before)
        #expect(before.log == nil)
    }

    /// SQLite notices damage only in the pages a statement reads. A page nothing reads here (the
    /// root of an empty table) is found by the check every process makes before its first change.
    @Test func damageThatNoReadTouchesStillStopsTheFirstChange() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        try SampleDatabase.make(at: path)
        let root = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'policyEvent'")
        }
        var bytes = try #require(FileManager.default.contents(atPath: path))
        let start = (try #require(root) - 1) * SampleDatabase.pageSize
        var garbage = Garbage(seed: 11)
        bytes.replaceSubrange(start..<start + SampleDatabase.pageSize, with: garbage.bytes(SampleDatabase.pageSize))
        try SampleDatabase.write(bytes, to: path)
        let before = DatabaseFiles(path)
        do {
            let database = try ProgressDatabase(path: path)
            #expect(try database.learners().count == 20)
            #expect(throws: ProgressStoreError.damaged(path: path)) { try database.learner(named: "newcomer") }
            #expect(throws: ProgressStoreError.damaged(path: path)) { try database.setSetting("account", to: "111122223333") }
        }
        #expect(DatabaseFiles(path) == before)
    }

    /// An empty file holds nothing to lose (it is also what an interrupted first run leaves), so it
    /// becomes a fresh database, as SQLite itself would make it.
    @Test func anEmptyFileBecomesAFreshDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let database = try ProgressDatabase(path: path)
        #expect(try database.appliedMigrations() == Schema.knownMigrations)
        _ = try database.learner(named: "ana")
        #expect(try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func aNewerDatabaseKeepsEveryByte() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        try SampleDatabase.make(at: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-future')")
        }
        let before = DatabaseFiles(path)
        #expect(before.log == nil)
        for _ in 0..<2 {
            #expect(throws: ProgressStoreError.newerSchema(path: path, unknownMigrations: ["v2-future"])) {
                try ProgressDatabase(path: path)
            }
        }
        #expect(DatabaseFiles(path) == before)
    }

    /// GRDB's migrations, not `PRAGMA user_version`, say how far a database is migrated; the user
    /// version belongs to whoever set it and is kept.
    @Test func userVersionIsLeftToWhoeverSetIt() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        try SampleDatabase.make(at: path)
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 42") }
        let database = try ProgressDatabase(path: path)
        _ = try database.learner(named: "newcomer")
        #expect(try database.learners().count == 21)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 42)
    }

    @Test(arguments: [
        "CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photo (name) VALUES ('cat')",
        """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('createPhotos'); CREATE TABLE photo (id INTEGER PRIMARY KEY)
        """,
    ])
    func anotherProgramsDatabaseIsNotMigrated(schema: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("photos.sqlite")
        try DatabaseQueue(path: path).write { db in try db.execute(sql: schema) }
        let before = DatabaseFiles(path)
        #expect(throws: ProgressStoreError.notADatabase(path: path)) { try ProgressDatabase(path: path) }
        #expect(DatabaseFiles(path) == before)
    }

    // MARK: - The write-ahead log

    @Test(arguments: [4096, 10])
    func aStaleLogOfGarbageIsRefusedNotDropped(size: Int) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        try SampleDatabase.make(at: path)
        var garbage = Garbage(seed: 3)
        try SampleDatabase.write(garbage.bytes(size), to: path + "-wal")
        let before = DatabaseFiles(path)
        #expect(throws: ProgressStoreError.damagedLog(path: path)) { try ProgressDatabase(path: path) }
        #expect(DatabaseFiles(path) == before)
    }

    /// What a crash leaves: the database and a log with committed changes, no `-shm`. Opening
    /// replays the log; the header check must not mistake it for garbage.
    @Test func aLogLeftByACrashIsReplayed() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let copy = folder.path("copy.sqlite")
        let database = try ProgressDatabase(path: path)
        _ = try database.learner(named: "ana")
        let log = try #require(FileManager.default.contents(atPath: path + "-wal"))
        #expect(!log.isEmpty)
        #expect(DatabaseFile.logHeaderIsValid(Array(log.prefix(32))))
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try SampleDatabase.write(log, to: copy + "-wal")
        #expect(try ProgressDatabase(path: copy).existingLearner(named: "ana") != nil)
    }

    @Test func aLogHeaderIsCheckedByItsChecksum() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        let database = try ProgressDatabase(path: path)
        _ = try database.learner(named: "ana")
        let header = Array(try #require(FileManager.default.contents(atPath: path + "-wal")).prefix(32))
        #expect(DatabaseFile.logHeaderIsValid(header))
        for index in [0, 7, 12, 20, 27] {
            var changed = header
            changed[index] ^= 0x01
            #expect(!DatabaseFile.logHeaderIsValid(changed), "byte \(index)")
        }
        #expect(!DatabaseFile.logHeaderIsValid(Array(header.prefix(31))))
    }
}
