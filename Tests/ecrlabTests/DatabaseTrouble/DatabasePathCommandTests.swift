import Foundation
import Testing

/// `--db` paths that do not lead to a database file: one clear line, exit 2, nothing created.
@Suite struct DatabasePathCommandTests {
    static let commands: [[String]] = [["report"], ["roster", "import", "more.csv"]]

    func expectRefused(_ classDatabase: ClassDatabase, database: String, message: String) throws {
        let listing = try classDatabase.listing()
        for command in Self.commands {
            let result = try classDatabase.run(command, database: database)
            #expect(result.exitCode == 2, "\(command)")
            #expect(result.stderr == "ecrlab: \(message)\n", "\(command)")
        }
        #expect(try classDatabase.listing() == listing)
    }

    @Test func aFolder() throws {
        let classDatabase = try ClassDatabase()
        try FileManager.default.createDirectory(at: classDatabase.url.appendingPathComponent("progress"), withIntermediateDirectories: false)
        try expectRefused(classDatabase, database: "progress", message: "the progress database `progress` is a folder, not a database file; name a file with --db or ECRLAB_DB, e.g. `progress/ecrlab.sqlite`")
        #expect(try FileManager.default.contentsOfDirectory(atPath: classDatabase.url.appendingPathComponent("progress").path) == [])
    }

    /// A link to a database on a drive that is not mounted: creating a fresh database where it points
    /// would record the class's progress in the wrong place without a word.
    @Test func aDanglingLink() throws {
        let classDatabase = try ClassDatabase()
        let target = "/nonexistent-ecrlab-drive/class.sqlite"
        try FileManager.default.createSymbolicLink(atPath: classDatabase.url.appendingPathComponent("linked.sqlite").path,
                                                   withDestinationPath: target)
        try expectRefused(classDatabase, database: "linked.sqlite", message: "the progress database `linked.sqlite` is a link to `\(target)`, which does not exist; nothing was created: make the link's target available again (a drive not mounted?) or remove the link")
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-ecrlab-drive"))
    }

    @Test func aFileWhereAFolderShouldBe() throws {
        let classDatabase = try ClassDatabase()
        try expectRefused(classDatabase, database: "more.csv/progress/class.sqlite", message: "cannot create the folder for the progress database `more.csv/progress/class.sqlite`: `more.csv` is a file, not a folder; choose another place with --db or ECRLAB_DB")
        #expect(try classDatabase.workspace.read("more.csv") == "name,display name\nzoe,Zoe Martin\n")
    }

    /// A folder for the database cannot be made in a folder this user cannot write.
    @Test func aFolderThatCannotBeCreated() throws {
        let classDatabase = try ClassDatabase()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: classDatabase.url.path)
        let listing = try classDatabase.listing()
        let result = try classDatabase.run(ConfinedRun.unprivileged, ["report"], database: "progress/class.sqlite")
        #expect(result.exitCode == 2)
        #expect(result.stderr == "ecrlab: cannot create the folder for the progress database `progress/class.sqlite`: the current folder is read-only; choose another place with --db or ECRLAB_DB\n")
        #expect(try classDatabase.listing() == listing)
    }
}
