import Foundation
import GRDB

/// A failed store operation. `description` is the one-line message to show the user.
public enum ProgressStoreError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The folder that should hold the database could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// The database (or its folder) cannot be written.
    case readOnly(path: String)
    /// The path cannot be opened as a file (a folder, a dangling link, too many open files).
    case cannotOpen(path: String)
    /// The file exists but is not an SQLite database, or is damaged.
    case notADatabase(path: String)
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
            return "cannot write the progress database `\(path)`: the file or its folder is read-only; make it writable or choose another place with --db"
        case let .cannotOpen(path):
            return "cannot open the progress database `\(path)`; check that it names a file (not a folder) in a folder you can write, or choose another place with --db"
        case let .notADatabase(path):
            return "`\(path)` is not a progress database or is damaged; move it aside (ecrlab will start a fresh one) or point --db elsewhere"
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
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return ProgressStoreError.notADatabase(path: path)
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
}
