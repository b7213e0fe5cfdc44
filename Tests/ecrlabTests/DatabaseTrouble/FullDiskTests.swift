import Foundation
import Testing

/// A full disk, simulated with a file size limit (RLIMIT_FSIZE): a write past the limit fails as it
/// would on a full disk. ecrlab ignores the SIGXFSZ that comes with it, so it reports the failure,
/// exits 2 instead of being killed, and leaves the database whole with nothing half recorded.
@Suite struct FullDiskTests {
    static let diskFull = "cannot write the progress database `class.sqlite`: the disk is full or the file cannot grow; free space and run the command again; nothing was recorded"

    @Test func gradingMoreThanTheDiskHoldsRecordsNothingHalfWay() throws {
        let classDatabase = try ClassDatabase()
        // Learners first (so the failing run has only attempts to add), then a class of distinct files.
        let names = (0..<200).map { String(format: "learner%03d", $0) }
        try classDatabase.workspace.write("name\n" + names.joined(separator: "\n") + "\n", to: "big-roster.csv")
        #expect(try classDatabase.run(["roster", "import", "big-roster.csv"]).exitCode == 0)
        for (index, name) in names.enumerated() {
            let padding = String(repeating: " ", count: 2000 + index)
            try classDatabase.workspace.write(InstructorCommandTests.starter04 + padding, to: "big-class/\(name)/04.json")
        }
        let before = try Self.contents(classDatabase)
        let size = try #require(classDatabase.files()[0]).count
        // Room for the database and SQLite's 32 KiB index, not for 200 attempts in the log.
        let limit = size + 64 * 1024

        let failed = try classDatabase.run(ConfinedRun.fileSizeLimit(limit), ["grade", "big-class"])
        #expect(failed.exitCode == 2)
        #expect(failed.stderr == "ecrlab: \(Self.diskFull)\n")
        #expect(try SQLiteShell.run(classDatabase.database, "PRAGMA integrity_check") == "ok")
        let afterFailure = try Self.contents(classDatabase)
        #expect(afterFailure.learners == before.learners)
        // Whatever was recorded is whole: an attempt with its check results, never one without.
        #expect(afterFailure.attemptsWithoutChecks == 0)
        #expect(afterFailure.attempts < before.attempts + names.count)

        let rerun = try classDatabase.run(["grade", "big-class"])
        #expect(rerun.exitCode == 0, "\(rerun.stderr)")
        let done = try Self.contents(classDatabase)
        #expect(done.attempts == before.attempts + names.count)
        #expect(done.attemptsWithoutChecks == 0)
    }

    /// With a limit smaller than SQLite's index file even reading cannot start: the same clear line.
    @Test func aLimitTooSmallForTheIndexIsTheSameMessage() throws {
        let classDatabase = try ClassDatabase()
        let before = classDatabase.files()[0]
        let result = try classDatabase.run(ConfinedRun.fileSizeLimit(4096), ["report"])
        #expect(result.exitCode == 2)
        #expect(result.stderr == "ecrlab: \(Self.diskFull)\n")
        #expect(classDatabase.files()[0] == before)
        #expect(try SQLiteShell.run(classDatabase.database, "PRAGMA integrity_check") == "ok")
    }

    /// The bundle cannot be written; the database it was read from is untouched, no partial file is left.
    @Test func exportingToAFileThatCannotBeWritten() throws {
        let classDatabase = try ClassDatabase()
        // A learner whose bundle is larger than the limit.
        try classDatabase.workspace.write(InstructorCommandTests.starter04 + String(repeating: " ", count: 100_000),
                                          to: "big-class/ana/04.json")
        #expect(try classDatabase.run(["grade", "big-class"]).exitCode == 0)
        let before = classDatabase.files()
        let result = try classDatabase.run(
            ConfinedRun.fileSizeLimit(64 * 1024), ["progress", "export", "--learner", "ana", "--output", "ana.json"])
        #expect(result.exitCode == 2)
        #expect(result.stderr == "ecrlab: cannot write `ana.json`: the disk is full or the file cannot grow; free space and run the command again (nothing was written)\n")
        #expect(!classDatabase.workspace.exists("ana.json"))
        #expect(classDatabase.files()[0] == before[0])
        #expect(try classDatabase.run(["progress", "export", "--learner", "ana", "--output", "ana.json"]).exitCode == 0)
        #expect(try classDatabase.workspace.read("ana.json").count > 100_000)
    }

    struct Contents: Equatable {
        var learners: String
        var attempts: Int
        var attemptsWithoutChecks: Int
    }

    static func contents(_ classDatabase: ClassDatabase) throws -> Contents {
        let database = classDatabase.database
        return Contents(
            learners: try SQLiteShell.run(database, "SELECT group_concat(name, ',') FROM (SELECT name FROM learner ORDER BY id)", readOnly: true),
            attempts: try #require(Int(try SQLiteShell.run(database, "SELECT COUNT(*) FROM attempt", readOnly: true))),
            attemptsWithoutChecks: try #require(Int(try SQLiteShell.run(
                database, "SELECT COUNT(*) FROM attempt WHERE id NOT IN (SELECT attemptId FROM checkResult)", readOnly: true))))
    }
}
