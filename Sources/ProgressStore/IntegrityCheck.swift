import Foundation
import GRDB

extension ProgressDatabase {
    /// What SQLite finds wrong with the file: damaged pages or indexes (`PRAGMA integrity_check`) and
    /// rows pointing at rows that are not there (`PRAGMA foreign_key_check`). Empty when all is well.
    public func integrityProblems() throws -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let dangling = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += dangling.map { row in
                let table: String = row["table"] ?? "?"
                let rowid: Int64? = row["rowid"]
                let parent: String = row["parent"] ?? "?"
                return "row \(rowid.map(String.init) ?? "?") of `\(table)` refers to a missing `\(parent)` row"
            }
            return problems
        }
    }
}
