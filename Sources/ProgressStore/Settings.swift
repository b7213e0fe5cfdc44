import Foundation
import GRDB

/// A setting's name. Per-learner settings (a learner's account id, current task) and machine-wide ones
/// (the learner last used) live in separate tables, so either kind can be read and written alike.
public struct SettingKey: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The learner's own 12-digit AWS account id, used in the tasks instead of the lab's default.
    public static let accountId: SettingKey = "account"
    /// The task the learner is on (`ecrlab next` moves it).
    public static let currentTask: SettingKey = "currentTask"
}

extension ProgressDatabase {
    /// The value of a setting: the learner's own when `learner` is given, otherwise the global one.
    public func setting(_ key: SettingKey, learner learnerId: Int64? = nil) throws -> String? {
        try read { db in
            if let learnerId {
                return try String.fetchOne(db, sql: "SELECT value FROM learnerSetting WHERE learnerId = ? AND key = ?",
                                           arguments: [learnerId, key.rawValue])
            }
            return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key.rawValue])
        }
    }

    /// Sets (or with nil, removes) a setting of the learner, or a global one when `learner` is nil.
    /// The account id is checked to be 12 digits.
    public func setSetting(_ key: SettingKey, to value: String?, learner learnerId: Int64? = nil) throws {
        guard (1...64).contains(key.rawValue.count) else { throw ProgressStoreError.invalidSetting(key: key.rawValue) }
        if key == .accountId, let value, !Self.isAccountId(value) {
            throw ProgressStoreError.invalidAccountId(value)
        }
        try write { db in
            switch (learnerId, value) {
            case let (learnerId?, value?):
                try db.execute(sql: """
                    INSERT INTO learnerSetting (learnerId, key, value) VALUES (?, ?, ?)
                    ON CONFLICT (learnerId, key) DO UPDATE SET value = excluded.value
                    """, arguments: [learnerId, key.rawValue, value])
            case let (learnerId?, nil):
                _ = try LearnerSetting.deleteOne(db, key: ["learnerId": learnerId, "key": key.rawValue])
            case let (nil, value?):
                try db.execute(sql: """
                    INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: [key.rawValue, value])
            case (nil, nil):
                _ = try Setting.deleteOne(db, key: key.rawValue)
            }
        }
    }

    /// Every setting of the learner (or every global one), by name.
    public func settings(learner learnerId: Int64? = nil) throws -> [SettingKey: String] {
        try read { db in
            let rows: [Row]
            if let learnerId {
                rows = try Row.fetchAll(db, sql: "SELECT key, value FROM learnerSetting WHERE learnerId = ?",
                                        arguments: [learnerId])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT key, value FROM setting")
            }
            return Dictionary(uniqueKeysWithValues: rows.map { (SettingKey(rawValue: $0[0]), $0[1]) })
        }
    }

    static func isAccountId(_ value: String) -> Bool {
        value.utf8.count == 12 && value.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
