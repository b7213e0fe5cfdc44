import Foundation
import GRDB

/// A learner's progress carried to an instructor: their attempts with the submitted text, and hints.
///
/// The verdicts in a bundle are informational only: importing re-grades every attempt from its
/// `source`, so editing a bundle to say "passed" changes nothing.
public struct ProgressBundle: Codable, Sendable, Hashable {
    public static let formatMarker = "ecrlab-progress"
    public static let currentVersion = 1

    public struct LearnerInfo: Codable, Sendable, Hashable {
        public var name: String
        public var displayName: String?
        public var email: String?
        public var group: String?
    }

    public struct AttemptEntry: Codable, Sendable, Hashable {
        public var taskId: String
        public var submittedAt: Date
        public var source: String
        public var sourceHash: String
        public var passed: Bool
        public var score: Int
        public var maxScore: Int
        public var origin: AttemptOrigin
    }

    public struct HintEntry: Codable, Sendable, Hashable {
        public var taskId: String
        public var level: Int
        public var at: Date
    }

    /// Always `formatMarker`: how a bundle is told apart from any other JSON file.
    public var format: String
    public var version: Int
    public var exportedAt: Date
    public var learner: LearnerInfo
    public var attempts: [AttemptEntry]
    public var hints: [HintEntry]

    /// Pretty-printed JSON with sorted keys and ISO 8601 dates.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a bundle, refusing anything that is not one (`path` is only used in error messages).
    public static func decode(_ data: Data, path: String) throws -> ProgressBundle {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw ProgressStoreError.notABundle(path: path, reason: "it is not a JSON object")
        }
        guard header.format == formatMarker else {
            throw ProgressStoreError.notABundle(path: path, reason: "it has no `\"format\": \"\(formatMarker)\"` marker")
        }
        guard let version = header.version, version >= 1 else {
            throw ProgressStoreError.notABundle(path: path, reason: "it has no valid `version`")
        }
        guard version <= currentVersion else {
            throw ProgressStoreError.unsupportedBundleVersion(path: path, version: version)
        }
        do {
            return try decoder.decode(ProgressBundle.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ProgressStoreError.notABundle(path: path, reason: "`\(Self.jsonPath(context.codingPath + [key]))` is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            throw ProgressStoreError.notABundle(path: path, reason: "`\(Self.jsonPath(context.codingPath))` has a wrong value")
        }
    }

    private static func jsonPath(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
    }
}

extension ProgressDatabase {
    /// The learner's attempts (oldest first) and hints, ready to write with `encoded()`.
    public func exportBundle(learner learnerId: Int64, at date: Date = Date()) throws -> ProgressBundle {
        try read { db in
            guard let learner = try Learner.fetchOne(db, key: learnerId) else {
                throw ProgressStoreError.unknownLearner(name: "#\(learnerId)")
            }
            let attempts = try Self.attemptRequest(learner: learnerId, task: nil).fetchAll(db).map {
                ProgressBundle.AttemptEntry(
                    taskId: $0.taskId, submittedAt: $0.submittedAt, source: $0.source, sourceHash: $0.sourceHash,
                    passed: $0.passed, score: $0.score, maxScore: $0.maxScore, origin: $0.origin)
            }
            let hints = try HintUse.filter(Column("learnerId") == learnerId).order(Column("id")).fetchAll(db).map {
                ProgressBundle.HintEntry(taskId: $0.taskId, level: $0.level, at: $0.at)
            }
            return ProgressBundle(
                format: ProgressBundle.formatMarker, version: ProgressBundle.currentVersion, exportedAt: date,
                learner: .init(name: learner.name, displayName: learner.displayName, email: learner.email,
                               group: learner.group),
                attempts: attempts, hints: hints)
        }
    }

    /// Merges a bundle's hints into the learner's (levels already recorded are kept); returns how
    /// many were added. Attempts are not merged here: the caller re-grades each one and records it
    /// with origin `import`.
    @discardableResult
    public func importHints(_ hints: [ProgressBundle.HintEntry], learner learnerId: Int64) throws -> Int {
        try write { db in
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO hintUse (learnerId, taskId, level, at) VALUES (?, ?, ?, ?)
                """)
            var added = 0
            for hint in hints where hint.level >= 1 && !hint.taskId.isEmpty {
                try insert.execute(arguments: [learnerId, hint.taskId, hint.level, hint.at])
                added += db.changesCount
            }
            return added
        }
    }
}
