import Foundation
import GRDB

/// Identifies a repository of the local simulated registry, as ECR does: name, account and region.
public struct RepositoryKey: Sendable, Hashable, Codable {
    public var name: String
    public var account: String
    public var region: String

    public init(name: String, account: String, region: String) {
        self.name = name
        self.account = account
        self.region = region
    }
}

// Validating the policy text (lint, size, lock-out) is the caller's job, as SetRepositoryPolicy's
// checks belong with the policy engine; the store keeps what was applied and every change to it.
extension ProgressDatabase {
    /// The repository, or nil if no policy was ever set on it.
    public func repository(_ key: RepositoryKey) throws -> Repository? {
        try read { db in try Self.fetchRepository(key, in: db) }
    }

    /// The applied policy text, or nil.
    public func repositoryPolicy(_ key: RepositoryKey) throws -> String? {
        try repository(key)?.policyText
    }

    /// Applies `policyText` to the repository (creating it) and records a `set` event.
    @discardableResult
    public func setRepositoryPolicy(_ policyText: String, on key: RepositoryKey, at date: Date = Date()) throws
        -> Repository
    {
        guard (2...256).contains(key.name.count) else { throw ProgressStoreError.invalidRepositoryName(key.name) }
        guard Self.isAccountId(key.account) else { throw ProgressStoreError.invalidAccountId(key.account) }
        return try write { db in
            var repository = try Self.fetchRepository(key, in: db)
                ?? Self.insertRepository(key, at: date, in: db)
            repository.policyText = policyText
            repository.updatedAt = date
            try repository.update(db)
            try Self.insertEvent(repositoryId: repository.id, action: .set, policyText: policyText, at: date, in: db)
            return repository
        }
    }

    /// Removes the repository's policy and records a `delete` event. Returns false, changing nothing,
    /// when the repository has no policy (ECR's RepositoryPolicyNotFoundException).
    @discardableResult
    public func deleteRepositoryPolicy(_ key: RepositoryKey, at date: Date = Date()) throws -> Bool {
        try write { db in
            guard var repository = try Self.fetchRepository(key, in: db), repository.policyText != nil else {
                return false
            }
            repository.policyText = nil
            repository.updatedAt = date
            try repository.update(db)
            try Self.insertEvent(repositoryId: repository.id, action: .delete, policyText: nil, at: date, in: db)
            return true
        }
    }

    /// Every policy change of the repository, oldest first.
    public func policyEvents(_ key: RepositoryKey) throws -> [PolicyEvent] {
        try read { db in
            guard let repository = try Self.fetchRepository(key, in: db) else { return [] }
            return try PolicyEvent.filter(Column("repositoryId") == repository.id).order(Column("id")).fetchAll(db)
        }
    }

    private static func fetchRepository(_ key: RepositoryKey, in db: Database) throws -> Repository? {
        try Repository.fetchOne(db, sql: "SELECT * FROM repository WHERE name = ? AND account = ? AND region = ?",
                                arguments: [key.name, key.account, key.region])
    }

    private static func insertRepository(_ key: RepositoryKey, at date: Date, in db: Database) throws -> Repository {
        try db.execute(sql: "INSERT INTO repository (name, account, region, updatedAt) VALUES (?, ?, ?, ?)",
                       arguments: [key.name, key.account, key.region, date])
        return Repository(id: db.lastInsertedRowID, name: key.name, account: key.account, region: key.region,
                          policyText: nil, updatedAt: date)
    }

    private static func insertEvent(
        repositoryId: Int64, action: PolicyAction, policyText: String?, at date: Date, in db: Database
    ) throws {
        try db.execute(sql: "INSERT INTO policyEvent (repositoryId, at, action, policyText) VALUES (?, ?, ?, ?)",
                       arguments: [repositoryId, date, action.rawValue, policyText])
    }
}
