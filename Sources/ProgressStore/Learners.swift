import Foundation
import GRDB

/// The rule for learner names: they become folder names in `grade DIR/<learner>/` and appear in
/// reports, so they stay short and shell- and path-safe.
public enum LearnerName {
    public static let maximumLength = 64

    /// Throws `ProgressStoreError.invalidLearnerName` with the first problem found.
    public static func validate(_ name: String) throws {
        if let reason = problem(name) {
            throw ProgressStoreError.invalidLearnerName(name: name, reason: reason)
        }
    }

    public static func isValid(_ name: String) -> Bool { problem(name) == nil }

    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.unicodeScalars.count > maximumLength { return "is longer than \(maximumLength) characters" }
        if let first = name.unicodeScalars.first, first == "." || first == "-" {
            return "starts with `\(first)`"
        }
        if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
            return bad == " " ? "contains a space" : "contains `\(bad.escaped(asASCII: true))`"
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "@", "-": return true
        default: return false
        }
    }
}

extension ProgressDatabase {
    /// The learner with this name (case-insensitive), created if new.
    public func learner(named name: String) throws -> Learner {
        try LearnerName.validate(name)
        return try write { db in try Self.learner(named: name, now: Date(), in: db) }
    }

    /// Get-or-create for many names in one transaction; keyed by the names as given.
    public func learners(named names: some Sequence<String>) throws -> [String: Learner] {
        let names = Array(names)
        for name in names { try LearnerName.validate(name) }
        return try write { db in
            let now = Date()
            var result: [String: Learner] = [:]
            for name in names where result[name] == nil {
                result[name] = try Self.learner(named: name, now: now, in: db)
            }
            return result
        }
    }

    /// The learner with this name, or nil; never creates one.
    public func existingLearner(named name: String) throws -> Learner? {
        try read { db in try Learner.filter(Learner.Columns.name == name).fetchOne(db) }
    }

    /// Every learner (of one group, when given), by name.
    public func learners(group: String? = nil) throws -> [Learner] {
        try read { db in try Self.learnerRequest(group: group).fetchAll(db) }
    }

    static func learnerRequest(group: String?) -> QueryInterfaceRequest<Learner> {
        var request = Learner.order(Learner.Columns.name)
        if let group { request = request.filter(Learner.Columns.group == group) }
        return request
    }

    static func learner(named name: String, now: Date, in db: Database) throws -> Learner {
        let existing = try db.cachedStatement(sql: "SELECT * FROM learner WHERE name = ?")
        if let learner = try Learner.fetchOne(existing, arguments: [name]) {
            return learner
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO learner (name, createdAt) VALUES (?, ?)")
        let createdAt = DatabaseTimestamp.stored(now)
        try insert.execute(arguments: [name, createdAt.text])
        return Learner(id: db.lastInsertedRowID, name: name, createdAt: createdAt.date)
    }
}
