import Foundation
import GRDB

/// One learner of a class roster. Nil fields leave what the database already holds unchanged.
public struct RosterRow: Sendable, Hashable, Codable {
    public var name: String
    public var displayName: String?
    public var email: String?
    public var group: String?
    /// The row's line in the roster file, for error messages.
    public var line: Int?

    public init(name: String, displayName: String? = nil, email: String? = nil, group: String? = nil, line: Int? = nil) {
        self.name = name
        self.displayName = displayName
        self.email = email
        self.group = group
        self.line = line
    }
}

public struct RosterImportSummary: Sendable, Hashable, Codable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
}

extension ProgressDatabase {
    /// Creates or updates the roster's learners in one transaction. Every row is checked first: an
    /// invalid name, or a name listed twice, refuses the whole roster.
    @discardableResult
    public func importRoster(_ rows: [RosterRow]) throws -> RosterImportSummary {
        var seen: [String: RosterRow] = [:]
        for row in rows {
            if let problem = LearnerName.problem(row.name) {
                throw ProgressStoreError.invalidRosterRow(line: row.line, name: row.name, reason: problem)
            }
            if let earlier = seen.updateValue(row, forKey: row.name.lowercased()) {
                let place = earlier.line.map { "on line \($0)" } ?? "earlier"
                throw ProgressStoreError.invalidRosterRow(line: row.line, name: row.name, reason: "is listed twice (also \(place))")
            }
        }
        return try write { db in
            var summary = RosterImportSummary()
            let now = Date()
            for row in rows {
                let existing = try Learner.filter(Learner.Columns.name == row.name).fetchOne(db)
                var learner = try existing ?? Self.learner(named: row.name, now: now, in: db)
                let before = learner
                if let displayName = row.displayName { learner.displayName = displayName }
                if let email = row.email { learner.email = email }
                if let group = row.group { learner.group = group }
                if learner != before { try learner.update(db) }
                if existing == nil {
                    summary.created += 1
                } else if learner != before {
                    summary.updated += 1
                } else {
                    summary.unchanged += 1
                }
            }
            return summary
        }
    }
}
