import Foundation
import Testing
@testable import ProgressStore

/// Paths that do not lead to a database file: refused before anything is created.
@Suite struct DatabasePathTests {
    @Test func aDanglingLinkIsRefusedAndNothingIsCreatedWhereItPoints() throws {
        let folder = try TemporaryFolder()
        let target = folder.path("unmounted/ecrlab.sqlite")
        let path = folder.path("ecrlab.sqlite")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        #expect(throws: ProgressStoreError.danglingLink(path: path, target: target)) { try ProgressDatabase(path: path) }
        #expect(!FileManager.default.fileExists(atPath: folder.path("unmounted")))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == target)
    }

    @Test func aLinkToADatabaseIsFollowed() throws {
        let folder = try TemporaryFolder()
        let real = folder.path("real.sqlite")
        _ = try ProgressDatabase(path: real).learner(named: "ana")
        let path = folder.path("linked.sqlite")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: real)
        #expect(try ProgressDatabase(path: path).existingLearner(named: "ana") != nil)
    }

    @Test func aFolderOnTheWayThatIsADanglingLinkIsNamed() throws {
        let folder = try TemporaryFolder()
        let link = folder.path("progress")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nonexistent-ecrlab-volume/progress")
        let path = link + "/ecrlab.sqlite"
        #expect(throws: ProgressStoreError.cannotCreateFolder(
            path: path, reason: "`\(link)` is a link to `/nonexistent-ecrlab-volume/progress`, which does not exist")) {
            try ProgressDatabase(path: path)
        }
    }

    @Test func aFileOnTheWayIsNamed() throws {
        let folder = try TemporaryFolder()
        let blocker = folder.path("class")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("roster".utf8)))
        let path = blocker + "/progress/ecrlab.sqlite"
        #expect(throws: ProgressStoreError.cannotCreateFolder(path: path, reason: "`\(blocker)` is a file, not a folder")) {
            try ProgressDatabase(path: path)
        }
        #expect(FileManager.default.contents(atPath: blocker) == Data("roster".utf8))
    }

    /// SQLite would open a FIFO and then wait forever for data: it is refused before that.
    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        #expect(mkfifo(path, 0o644) == 0)
        #expect(throws: ProgressStoreError.notAFile(path: path, kind: "not a regular file")) { try ProgressDatabase(path: path) }
    }

    /// The opening lock is only a courtesy between processes: when its file cannot be made (here a
    /// folder is in the way), the database still opens and records.
    @Test func aLockThatCannotBeCreatedDoesNotStopTheDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ecrlab.sqlite")
        try FileManager.default.createDirectory(atPath: path + ".lock", withIntermediateDirectories: false)
        let database = try ProgressDatabase(path: path)
        _ = try database.learner(named: "ana")
        #expect(try ProgressDatabase(path: path).existingLearner(named: "ana") != nil)
    }

    /// With URI file names compiled into SQLite, a relative `file:x` would otherwise name the file `x`.
    @Test func aPathThatLooksLikeAURIIsAFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("file:ecrlab.sqlite")
        _ = try ProgressDatabase(path: path).learner(named: "ana")
        #expect(FileManager.default.fileExists(atPath: path))
        let relative = DatabaseFile(path: "file:ecrlab.sqlite", size: nil, hasPendingLog: false, hasSharedMemory: false,
                                    isWritable: true)
        #expect(relative.sqlitePath == "./file:ecrlab.sqlite")
        let odd = DatabaseFile(path: "/tmp/a b?c#d%e.sqlite", size: 1, hasPendingLog: false, hasSharedMemory: false,
                               isWritable: false)
        #expect(odd.immutableURI == "file:/tmp/a%20b%3Fc%23d%25e.sqlite?immutable=1")
    }
}
