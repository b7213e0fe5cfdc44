import Foundation
import Testing

/// A class database from a newer ecrlab, or damaged in one of the ways files get damaged: every
/// command, reading or writing, stops with one clear line and exit code 2, and leaves every byte of
/// the database and its log as it was (so nothing, not even a migration, was written into it).
@Suite struct DamagedDatabaseTests {
    enum Trouble: String, CaseIterable, Sendable {
        case newerMigration, randomBytes, textFile, truncatedHalfway, garbageAfterTheFirstPages, garbageLog
    }

    static let newer = "the progress database `class.sqlite` was written by a newer ecrlab (schema `v2-future`); nothing was changed: update ecrlab to use it"
    static let notADatabase = "`class.sqlite` is not an ecrlab progress database (or its first page is damaged); nothing was changed: point --db or ECRLAB_DB at the progress database, or move this file aside to start a fresh one"
    static let damaged = "the progress database `class.sqlite` is damaged; nothing was changed: restore it from a backup, or move it aside to start a fresh one (`sqlite3 class.sqlite .recover` may save what is left)"
    static let damagedLog = "the progress database `class.sqlite` has a damaged `class.sqlite-wal` file holding its latest changes; nothing was changed: restore both files from a backup, or move the `-wal` file aside to open the database without those changes"

    /// Damages the workspace's database; returns what every command must say.
    static func inflict(_ trouble: Trouble, on classDatabase: ClassDatabase) throws -> String {
        let url = classDatabase.database
        var garbage = Garbage(seed: 2024)
        var bytes = try Data(contentsOf: url)
        switch trouble {
        case .newerMigration:
            // What a later version leaves: one more migration, and what it made.
            try SQLiteShell.run(url, "INSERT INTO grdb_migrations VALUES ('v2-future'); CREATE TABLE badge (id INTEGER PRIMARY KEY)")
            return newer
        case .randomBytes:
            try garbage.bytes(bytes.count).write(to: url)
            return notADatabase
        case .textFile:
            try Data(String(repeating: "learner,task,score\nana,04,20\n", count: 2000).utf8).write(to: url)
            return notADatabase
        case .truncatedHalfway:
            try bytes.prefix(bytes.count / 2).write(to: url)
            return damaged
        case .garbageAfterTheFirstPages:
            // The header and the first page are fine: SQLite opens the file and only notices on reading.
            let start = 2 * 4096
            bytes.replaceSubrange(start..<bytes.count, with: garbage.bytes(bytes.count - start))
            try bytes.write(to: url)
            return damaged
        case .garbageLog:
            // A `-wal` left next to the database that is not a log: SQLite would drop it without a word.
            try garbage.bytes(16 * 1024).write(to: classDatabase.url.appendingPathComponent(ClassDatabase.name + "-wal"))
            return damagedLog
        }
    }

    @Test(arguments: Trouble.allCases)
    func everyCommandStopsWithOneLineAndTouchesNothing(trouble: Trouble) throws {
        let classDatabase = try ClassDatabase()
        let message = try Self.inflict(trouble, on: classDatabase)
        let before = classDatabase.files()
        for command in ClassDatabase.reading + ClassDatabase.writing {
            let result = try classDatabase.run(command)
            #expect(result.exitCode == 2, "\(command)")
            #expect(result.stderr == "ecrlab: \(message)\n", "\(command)")
            #expect(result.stdout == "", "\(command)")
            #expect(classDatabase.files() == before, "`ecrlab \(command.joined(separator: " "))` changed the database files")
        }
    }

    /// Damage in a page that no reading command reads: they still answer from the intact pages,
    /// but every command that would change the file checks it whole first and refuses.
    @Test func damageOnlyAWriteCheckFindsStopsEveryChange() throws {
        let classDatabase = try ClassDatabase()
        let root = try SQLiteShell.run(classDatabase.database, "SELECT rootpage FROM sqlite_master WHERE name = 'policyEvent'")
        let page = try #require(Int(root))
        var bytes = try Data(contentsOf: classDatabase.database)
        var garbage = Garbage(seed: 7)
        bytes.replaceSubrange((page - 1) * 4096..<page * 4096, with: garbage.bytes(4096))
        try bytes.write(to: classDatabase.database)
        let before = classDatabase.files()
        for command in [["report"], ["history", "ana"]] {
            let result = try classDatabase.run(command)
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
        }
        for command in ClassDatabase.writing {
            let result = try classDatabase.run(command)
            #expect(result.exitCode == 2, "\(command)")
            #expect(result.stderr == ClassDatabase.refusedChange(Self.damaged, by: command),
                    "\(command)")
        }
        #expect(classDatabase.files() == before)
    }

    /// An empty file holds nothing to lose (an interrupted first run leaves one too): it becomes a
    /// fresh database, as SQLite itself would make it.
    @Test func anEmptyFileBecomesAFreshDatabase() throws {
        let classDatabase = try ClassDatabase()
        try Data().write(to: classDatabase.database)
        let report = try classDatabase.run(["report"])
        #expect(report.exitCode == 0, "\(report.stderr)")
        #expect(report.stdout.contains("0 learners"))
        #expect(try classDatabase.run(["roster", "import", "more.csv"]).stdout.contains("1 added"))
        #expect(try SQLiteShell.run(classDatabase.database, "SELECT identifier FROM grdb_migrations") == "v1")
    }

    /// `PRAGMA user_version` is not how ecrlab versions its schema (GRDB's migrations are): a value
    /// set by someone else neither stops ecrlab nor is overwritten.
    @Test func aUserVersionSetBySomeoneElseIsKept() throws {
        let classDatabase = try ClassDatabase()
        try SQLiteShell.run(classDatabase.database, "PRAGMA user_version = 99")
        #expect(try classDatabase.run(["roster", "import", "more.csv"]).exitCode == 0)
        #expect(try classDatabase.run(["report"]).stdout.contains("10 learners"))
        #expect(try SQLiteShell.run(classDatabase.database, "PRAGMA user_version") == "99")
    }

    /// The guard against a false alarm: on a healthy database, every reading command leaves the
    /// file exactly as it was and every writing command changes it.
    @Test func onAHealthyDatabaseReadsChangeNothingAndWritesRecord() throws {
        let classDatabase = try ClassDatabase()
        var before = classDatabase.files()
        for command in ClassDatabase.reading {
            let result = try classDatabase.run(command)
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
            #expect(classDatabase.files() == before, "`ecrlab \(command.joined(separator: " "))` changed the database")
        }
        for command in ClassDatabase.writing {
            let result = try classDatabase.run(command)
            #expect(result.exitCode == 0, "\(command): \(result.stderr)")
            #expect(classDatabase.files() != before, "`ecrlab \(command.joined(separator: " "))` recorded nothing")
            before = classDatabase.files()
        }
        #expect(try SQLiteShell.run(classDatabase.database, "PRAGMA integrity_check") == "ok")
    }
}
