import Foundation

/// A grade for machines: one JSON object, keys sorted, every key always present (null when empty), so
/// the shape never varies. Ends with a newline.
public struct GradeJSONRenderer: Sendable {
    public init() {}

    public func render(_ result: GradeResult) -> String {
        StableJSON.encode(Record(result))
    }

    struct Record: Encodable {
        var task: String
        var passed: Bool
        var score: Int
        var maxScore: Int
        var checks: [Check]

        init(_ result: GradeResult) {
            task = result.taskID
            passed = result.passed
            score = result.score
            maxScore = result.maxScore
            checks = result.checks.map(Check.init)
        }
    }

    struct Check: Encodable {
        var id: String
        var passed: Bool
        var points: Int
        var severity: String
        var message: String
        var file: String?
        var line: Int?
        var column: Int?

        init(_ check: CheckOutcome) {
            id = check.id
            passed = check.passed
            points = check.points
            severity = check.severity.rawValue
            message = check.message
            file = check.location?.file
            line = check.location?.line
            column = check.location?.column
        }

        private enum CodingKeys: String, CodingKey {
            case id, passed, points, severity, message, file, line, column
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(passed, forKey: .passed)
            try c.encode(points, forKey: .points)
            try c.encode(severity, forKey: .severity)
            try c.encode(message, forKey: .message)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
        }
    }
}

/// Sorted keys, two-space indentation, unescaped slashes, trailing newline: stable output for golden
/// files and diff tools.
enum StableJSON {
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null\n" }
        // Some Foundation versions print an empty array as `[`, a blank line, `]`.
        let text = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: #"\[\n\s*\n\s*\]"#, with: "[]", options: .regularExpression)
        return text + "\n"
    }
}
