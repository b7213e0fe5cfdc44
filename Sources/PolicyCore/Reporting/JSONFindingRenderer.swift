import Foundation

/// Findings for machines: one JSON array of flat objects, in file order then source order.
/// Keys are sorted and `help` is always present (null when there is none), so the shape never varies.
/// `endLine`/`endColumn` point just past the last character, like the rest of the positions.
public struct JSONFindingRenderer: Sendable {
    public init() {}

    /// Pretty-printed, ending with a newline.
    public func render(_ files: [SourceFindings]) -> String {
        let records = files.flatMap { file in file.findings.map { Record(file: file.file, finding: $0) } }
        return encodeStably(records)
    }

    struct Record: Encodable {
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var severity: String
        var code: String
        var message: String
        var help: String?

        init(file: String, finding: Finding) {
            self.file = file
            line = finding.range.start.line
            column = finding.range.start.column
            endLine = finding.range.end.line
            endColumn = finding.range.end.column
            severity = finding.severity.rawValue
            code = finding.code
            message = finding.message
            help = finding.help
        }

        private enum CodingKeys: String, CodingKey {
            case file, line, column, endLine, endColumn, severity, code, message, help
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(endLine, forKey: .endLine)
            try c.encode(endColumn, forKey: .endColumn)
            try c.encode(severity, forKey: .severity)
            try c.encode(code, forKey: .code)
            try c.encode(message, forKey: .message)
            try c.encode(help, forKey: .help)
        }
    }
}

/// Sorted keys, two-space indentation, unescaped slashes, trailing newline: byte-for-byte stable
/// output that golden files and diff tools can compare.
func encodeStably<Value: Encodable>(_ value: Value) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings and integers cannot fail; an empty document would still be valid JSON.
    guard let data = try? encoder.encode(value) else { return "null\n" }
    // Some Foundation versions print an empty array as `[`, a blank line, `]`. Raw newlines only ever
    // appear between tokens (inside strings they are escaped), so folding them is safe.
    let text = String(decoding: data, as: UTF8.self)
        .replacingOccurrences(of: #"\[\n\s*\n\s*\]"#, with: "[]", options: .regularExpression)
    return text + "\n"
}
