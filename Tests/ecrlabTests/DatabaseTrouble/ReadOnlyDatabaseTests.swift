import Foundation
import ProgressStore
import Testing

/// A class database this user cannot write (run as `nobody`, since tests run as root): reading
/// commands answer exactly as for its owner, writing commands stop with one clear line, and no file
/// is changed or created.
@Suite struct ReadOnlyDatabaseTests {
    static let readOnly = "cannot write the progress database `class.sqlite`: the file or its folder is read-only, so nothing was recorded; make it writable, or choose another place with --db or ECRLAB_DB"

    enum Setting: String, CaseIterable, Sendable {
        /// The workspace belongs to root (0755): nothing can be created next to the database.
        case readOnlyFolder
        /// Anyone may create files in the workspace, but the database itself is 0444.
        case readOnlyFile
    }

    @Test(arguments: Setting.allCases)
    func readingWorksAndChangesAreRefused(setting: Setting) throws {
        let classDatabase = try ClassDatabase()
        // What the owner sees, before anyone else looks.
        let expected = try ClassDatabase.reading.map { try classDatabase.run($0) }
        #expect(expected.map(\.exitCode) == [0, 0, 0])
        let manager = FileManager.default
        switch setting {
        case .readOnlyFolder:
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: classDatabase.url.path)
        case .readOnlyFile:
            try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: classDatabase.url.path)
            try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: classDatabase.database.path)
        }
        let before = classDatabase.files()
        let listing = try classDatabase.listing()
        for (command, owners) in zip(ClassDatabase.reading, expected) {
            let result = try classDatabase.run(ConfinedRun.unprivileged, command)
            #expect(result == owners, "`ecrlab \(command.joined(separator: " "))` as nobody")
        }
        for command in ClassDatabase.writing {
            let result = try classDatabase.run(ConfinedRun.unprivileged, command)
            #expect(result.exitCode == 2, "\(command)")
            #expect(result.stderr == ClassDatabase.refusedChange(Self.readOnly, by: command), "\(command)")
        }
        #expect(classDatabase.files() == before)
        #expect(try classDatabase.listing() == listing)
    }

    /// Nothing to read and nowhere to create it: a clear line, no file.
    @Test func aNewDatabaseInAReadOnlyFolderIsNotCreated() throws {
        let classDatabase = try ClassDatabase()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: classDatabase.url.path)
        let listing = try classDatabase.listing()
        for command in [["report"], ["roster", "import", "more.csv"]] {
            let result = try classDatabase.run(ConfinedRun.unprivileged, command, database: "new.sqlite")
            #expect(result.exitCode == 2)
            #expect(result.stderr == "ecrlab: cannot write the progress database `new.sqlite`: the file or its folder is read-only, so nothing was recorded; make it writable, or choose another place with --db or ECRLAB_DB\n")
        }
        #expect(try classDatabase.listing() == listing)
    }

    /// A read-only database whose last changes are still in its `-wal` (its writer was killed, or is
    /// still running): with the `-shm` index next to it SQLite can read them; without it, only a
    /// process that can write there can, and ecrlab says so instead of showing stale progress.
    @Test(arguments: [true, false])
    func aReadOnlyDatabaseWithChangesStillInItsLog(withIndex: Bool) throws {
        let classDatabase = try ClassDatabase()
        let source = try ClassDatabase()
        // An open database with a change in its log: the state a killed writer leaves.
        let writer = try ProgressDatabase(path: source.database.path)
        _ = try writer.learner(named: "walter")
        let manager = FileManager.default
        try manager.removeItem(at: classDatabase.database)
        try withExtendedLifetime(writer) {
            for suffix in ["", "-wal"] + (withIndex ? ["-shm"] : []) {
                try manager.copyItem(atPath: source.database.path + suffix, toPath: classDatabase.database.path + suffix)
            }
        }
        #expect((classDatabase.files()[1]?.count ?? 0) > 0)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: classDatabase.url.path)
        let before = classDatabase.files()
        let report = try classDatabase.run(ConfinedRun.unprivileged, ["report"])
        if withIndex {
            #expect(report.exitCode == 0, "\(report.stderr)")
            #expect(report.stdout.contains("walter"))
        } else {
            #expect(report.exitCode == 2)
            #expect(report.stderr == "ecrlab: cannot read the progress database `class.sqlite`: it is read-only and its latest changes are still in `class.sqlite-wal`; run ecrlab on it once where it can be written, or copy both files to a folder you can write\n")
        }
        #expect(classDatabase.files() == before)
        // Whoever can write there merges the log, and then anyone can read.
        #expect(try classDatabase.run(["report"]).stdout.contains("walter"))
    }

    /// A lock file left by another user that this one cannot even open: the lock only orders
    /// processes that open the database at the same moment, so the command goes on without it.
    @Test func aLockFileThatCannotBeOpenedDoesNotStopTheCommand() throws {
        let classDatabase = try ClassDatabase()
        let manager = FileManager.default
        let lock = classDatabase.database.path + ".lock"
        #expect(manager.createFile(atPath: lock, contents: Data(), attributes: [.posixPermissions: 0o600]))
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: classDatabase.url.path)
        try manager.setAttributes([.posixPermissions: 0o666], ofItemAtPath: classDatabase.database.path)
        let result = try classDatabase.run(ConfinedRun.unprivileged, ["roster", "import", "more.csv"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 added"))
        #expect(try classDatabase.run(["report"]).stdout.contains("zoe"))
    }
}
