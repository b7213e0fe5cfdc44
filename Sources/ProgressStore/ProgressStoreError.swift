import Foundation
import GRDB

/// A failed store operation. `description` is the one-line message to show the user.
public enum ProgressStoreError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The folder that should hold the database could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// The database (or its folder) cannot be written: a change was refused, or there is nothing to read yet.
    case readOnly(path: String)
    /// A read-only database whose latest changes are still in its `-wal` file, which only a process
    /// that can write next to it can read.
    case readOnlyWithPendingLog(path: String)
    /// The path cannot be opened as a file (too many open files, a folder that cannot be searched).
    case cannotOpen(path: String)
    /// The path names a folder or something else that is not a plain file.
    case notAFile(path: String, kind: String)
    /// The path is a symbolic link to nothing: creating a database there would hide where it should be.
    case danglingLink(path: String, target: String)
    /// The file is not an SQLite database, or an SQLite database of another program.
    case notADatabase(path: String)
    /// An SQLite database whose pages are damaged (SQLite's "malformed", or a failed check before writing).
    case damaged(path: String)
    /// The database's `-wal` file is not a log SQLite can read: opening would silently drop it.
    case damagedLog(path: String)
    /// A write failed because the file could not grow: the disk is full or a size limit was reached.
    case diskFull(path: String)
    /// The database was written by a newer ecrlab whose schema this version does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// Another process kept the database locked for longer than the busy timeout.
    case busy(path: String)
    /// Any other SQLite failure, with SQLite's own explanation.
    case database(path: String, message: String)
    case invalidLearnerName(name: String, reason: String)
    case unknownLearner(name: String)
    case invalidAccountId(String)
    case invalidRepositoryName(String)
    case invalidAttempt(task: String, reason: String)
    case invalidSetting(key: String)
    /// A roster row could not be used (`line` is the row's line in the roster file when known).
    case invalidRosterRow(line: Int?, name: String, reason: String)
    case notABundle(path: String, reason: String)
    case unsupportedBundleVersion(path: String, version: Int)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, reason):
            return "cannot create the folder for the progress database `\(path)`: \(reason); choose another place with --db or ECRLAB_DB"
        case let .readOnly(path):
            return "cannot write the progress database `\(path)`: the file or its folder is read-only, so nothing was recorded; make it writable, or choose another place with --db or ECRLAB_DB"
        case let .readOnlyWithPendingLog(path):
            return "cannot read the progress database `\(path)`: it is read-only and its latest changes are still in `\(path)-wal`; run ecrlab on it once where it can be written, or copy both files to a folder you can write"
        case let .cannotOpen(path):
            return "cannot open the progress database `\(path)`; check that its folder can be read, or choose another place with --db or ECRLAB_DB"
        case let .notAFile(path, kind):
            return "the progress database `\(path)` is \(kind), not a database file; name a file with --db or ECRLAB_DB, e.g. `progress/ecrlab.sqlite`"
        case let .danglingLink(path, target):
            return "the progress database `\(path)` is a link to `\(target)`, which does not exist; nothing was created: make the link's target available again (a drive not mounted?) or remove the link"
        case let .notADatabase(path):
            return "`\(path)` is not an ecrlab progress database (or its first page is damaged); nothing was changed: point --db or ECRLAB_DB at the progress database, or move this file aside to start a fresh one"
        case let .damaged(path):
            return "the progress database `\(path)` is damaged; nothing was changed: restore it from a backup, or move it aside to start a fresh one (`sqlite3 \(path) .recover` may save what is left)"
        case let .damagedLog(path):
            return "the progress database `\(path)` has a damaged `\(path)-wal` file holding its latest changes; nothing was changed: restore both files from a backup, or move the `-wal` file aside to open the database without those changes"
        case let .diskFull(path):
            return "cannot write the progress database `\(path)`: the disk is full or the file cannot grow; free space and run the command again; nothing was recorded"
        case let .newerSchema(path, unknown):
            let names = unknown.map { "`\($0)`" }.joined(separator: ", ")
            return "the progress database `\(path)` was written by a newer ecrlab (schema \(names)); nothing was changed: update ecrlab to use it"
        case let .busy(path):
            return "the progress database `\(path)` stayed locked by another ecrlab process; wait for it to finish and run the command again"
        case let .database(path, message):
            return "the progress database `\(path)` failed: \(message); run the command again, or move the file aside if this repeats"
        case let .invalidLearnerName(name, reason):
            return "learner name `\(name)` \(reason); use 1-64 letters, digits, `.`, `_`, `@` or `-`, not starting with `.` or `-`"
        case let .unknownLearner(name):
            return "no learner named `\(name)` in the progress database; check the name, or import the roster first"
        case let .invalidAccountId(value):
            return "account id `\(value)` is not 12 digits; use your AWS account id, e.g. `111122223333`"
        case let .invalidRepositoryName(name):
            return "repository name `\(name)` must be 2 to 256 characters; use the repository's name as in the task, e.g. `fcj-workshop-app`"
        case let .invalidAttempt(task, reason):
            return "cannot record an attempt at task `\(task)`: \(reason)"
        case let .invalidSetting(key):
            return "setting name `\(key)` is empty or too long; use a short name such as `account`"
        case let .invalidRosterRow(line, name, reason):
            let location = line.map { "line \($0): " } ?? ""
            return "\(location)roster entry `\(name)` \(reason); fix the roster and import it again (nothing was imported)"
        case let .notABundle(path, reason):
            return "`\(path)` is not an ecrlab progress bundle (\(reason)); export one with `ecrlab progress export`"
        case let .unsupportedBundleVersion(path, version):
            return "`\(path)` is a progress bundle of version \(version), newer than this ecrlab reads; update ecrlab to import it"
        }
    }

    public var errorDescription: String? { description }

    /// Maps an SQLite failure on the database at `path` to a user-facing error.
    static func wrapping(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        if fileCannotGrow(error.extendedResultCode) { return ProgressStoreError.diskFull(path: path) }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return ProgressStoreError.notADatabase(path: path)
        case .SQLITE_CORRUPT:
            return ProgressStoreError.damaged(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return ProgressStoreError.readOnly(path: path)
        case .SQLITE_CANTOPEN:
            return ProgressStoreError.cannotOpen(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return ProgressStoreError.busy(path: path)
        default:
            return ProgressStoreError.database(path: path, message: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }

    /// A failed write, sync or resize: with a full disk (or a file size limit) these are what SQLite
    /// reports, depending on whether the write was cut short or refused outright.
    static func fileCannotGrow(_ code: ResultCode) -> Bool {
        let cannotGrow: [ResultCode] = [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_DIR_FSYNC,
                                        .SQLITE_IOERR_TRUNCATE, .SQLITE_IOERR_SHMSIZE]
        return code.primaryResultCode == .SQLITE_FULL || cannotGrow.contains(code)
    }
}
