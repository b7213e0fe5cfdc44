import Foundation
import GRDB
import Testing
@testable import ProgressStore

@Suite struct OpeningTests {
    @Test func freshDatabaseIsMigratedInWALModeWithForeignKeys() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("nested/deeper/ecrlab.sqlite")
        let database = try ProgressDatabase(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try database.appliedMigrations() == Schema.knownMigrations)
        let (journal, foreignKeys, tables) = try database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == true)
        #expect(tables.isSuperset(of: ["learner", "attempt", "checkResult", "hintUse", "repository", "policyEvent",
                                       "setting", "learnerSetting"]))
    }

    @Test func reopeningKeepsData() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        do {
            let database = try ProgressDatabase(path: path)
            _ = try database.learner(named: "alice")
        }
        let reopened = try ProgressDatabase(path: path)
        #expect(try reopened.existingLearner(named: "alice") != nil)
        #expect(try reopened.appliedMigrations() == ["v1"])
    }

    @Test func newerSchemaIsRefusedAndLeftUnchanged() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        do {
            let database = try ProgressDatabase(path: path)
            _ = try database.learner(named: "alice")
        }
        // What a later version would leave behind: an extra migration and a table this one doesn't know.
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
                try db.execute(sql: "CREATE TABLE future (x INTEGER)")
            }
        }
        #expect(throws: ProgressStoreError.newerSchema(path: path, unknownMigrations: ["v9-future"])) {
            try ProgressDatabase(path: path)
        }
        let queue = try DatabaseQueue(path: path)
        let (identifiers, hasFuture, names) = try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY 1"),
             try db.tableExists("future"),
             try String.fetchAll(db, sql: "SELECT name FROM learner"))
        }
        #expect(identifiers == ["v1", "v9-future"])
        #expect(hasFuture)
        #expect(names == ["alice"])
        let message = ProgressStoreError.newerSchema(path: path, unknownMigrations: ["v9-future"]).description
        #expect(message.hasPrefix("the progress database `\(path)` was written by a newer ecrlab"))
    }

    @Test func fileThatIsNotADatabaseIsReported() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        try Data(String(repeating: "this is not sqlite\n", count: 400).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ProgressStoreError.notADatabase(path: path)) { try ProgressDatabase(path: path) }
    }

    @Test func folderThatIsAFileIsReported() throws {
        let folder = try TemporaryFolder()
        let blocker = folder.path("progress")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = folder.path("progress/ecrlab.sqlite")
        let error = #expect(throws: ProgressStoreError.self) { try ProgressDatabase(path: path) }
        guard case .cannotCreateFolder(let reported, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(reported == path)
    }

    @Test func pathThatIsAFolderIsReported() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("db")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(throws: ProgressStoreError.notAFile(path: path, kind: "a folder")) { try ProgressDatabase(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path + "/ecrlab.sqlite"))
    }

    // Read-only folders and files need an unprivileged process (tests run as root): see
    // Tests/ecrlabTests/DatabaseTrouble/ReadOnlyDatabaseTests.swift, which drops privileges.

    @Test func inMemoryAndTemporaryDatabasesWork() throws {
        let memory = try ProgressDatabase.inMemory()
        #expect(try memory.appliedMigrations() == ["v1"])
        var temporaryPath = ""
        do {
            let temporary = try ProgressDatabase.temporary()
            temporaryPath = temporary.path
            _ = try temporary.learner(named: "bob")
            #expect(FileManager.default.fileExists(atPath: temporaryPath))
        }
        #expect(!FileManager.default.fileExists(atPath: temporaryPath))
    }

    @Test func messagesAreOneLineLowerCaseWithBacktickedPath() {
        let errors: [ProgressStoreError] = [
            .cannotCreateFolder(path: "p/x.sqlite", reason: "permission denied"), .readOnly(path: "p/x.sqlite"),
            .cannotOpen(path: "p/x.sqlite"), .notADatabase(path: "p/x.sqlite"),
            .newerSchema(path: "p/x.sqlite", unknownMigrations: ["v2"]), .busy(path: "p/x.sqlite"),
            .database(path: "p/x.sqlite", message: "disk I/O error"), .readOnlyWithPendingLog(path: "p/x.sqlite"),
            .notAFile(path: "p/x.sqlite", kind: "a folder"), .danglingLink(path: "p/x.sqlite", target: "/mnt/x.sqlite"),
            .damaged(path: "p/x.sqlite"), .damagedLog(path: "p/x.sqlite"), .diskFull(path: "p/x.sqlite"),
        ]
        for error in errors {
            let message = error.description
            #expect(!message.contains("\n"))
            #expect(message.first?.isLowercase == true || message.first == "`")
            #expect(message.contains("`p/x.sqlite`"))
            #expect(!message.contains("ProgressStoreError"))
        }
    }
}
