import Foundation
import GRDB
import Testing
@testable import ProgressStore

/// What SQLite reports when a file cannot grow, mapped to the one message a user can act on. The
/// real thing (a file size limit on the real binary) is in Tests/ecrlabTests/DatabaseTrouble/.
@Suite struct WriteFailureTests {
    @Test(arguments: [
        ResultCode.SQLITE_FULL, .SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_DIR_FSYNC,
        .SQLITE_IOERR_TRUNCATE, .SQLITE_IOERR_SHMSIZE,
    ])
    func aFileThatCannotGrowIsADiskFull(code: ResultCode) {
        let error = ProgressStoreError.wrapping(DatabaseError(resultCode: code, message: "disk I/O error"), path: "p.sqlite")
        #expect(error as? ProgressStoreError == .diskFull(path: "p.sqlite"))
        #expect("\(error)" == "cannot write the progress database `p.sqlite`: the disk is full or the file cannot grow; free space and run the command again; nothing was recorded")
    }

    @Test func otherFailuresKeepTheirOwnMessages() {
        let read = ProgressStoreError.wrapping(DatabaseError(resultCode: .SQLITE_IOERR_READ, message: "disk I/O error"), path: "p")
        #expect(read as? ProgressStoreError == .database(path: "p", message: "disk I/O error"))
        let corrupt = ProgressStoreError.wrapping(DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed"), path: "p")
        #expect(corrupt as? ProgressStoreError == .damaged(path: "p"))
        let readOnly = ProgressStoreError.wrapping(DatabaseError(resultCode: .SQLITE_READONLY_DIRECTORY), path: "p")
        #expect(readOnly as? ProgressStoreError == .readOnly(path: "p"))
    }
}
