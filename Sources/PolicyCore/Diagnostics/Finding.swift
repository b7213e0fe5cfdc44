/// A place in a source file. Lines and columns are 1-based; columns count Unicode scalars, as editors do.
public struct SourcePosition: Hashable, Sendable, Comparable, Codable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }
}

/// A half-open span of source text, `end` pointing just past the last character.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public static let unknown = SourceRange(
        start: SourcePosition(offset: 0, line: 1, column: 1), end: SourcePosition(offset: 0, line: 1, column: 1))
}

/// How much a finding matters. `security` sits between error and warning: the policy works, but it
/// grants more than it should, which a grader must treat as seriously as a mistake.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case error, security, warning, suggestion

    private var rank: Int {
        switch self {
        case .error: 0
        case .security: 1
        case .warning: 2
        case .suggestion: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing wrong (or worth improving) in a policy. A value, never printed by the library: the CLI,
/// the grader and the tests decide how to show it.
public struct Finding: Hashable, Sendable, Codable {
    public var severity: Severity
    /// Stable, kebab-case identifier of the rule (`unknown-action`), safe to match on in tests and tools.
    public var code: String
    public var message: String
    public var range: SourceRange
    /// What to do about it, one line.
    public var help: String?

    public init(_ severity: Severity, _ code: String, _ message: String, at range: SourceRange, help: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message.escapingControlCharacters()
        self.range = range
        self.help = help?.escapingControlCharacters()
    }
}

extension String {
    /// The text with control characters, line separators and direction overrides written as JSON
    /// escapes (`\n`, `\u001B`), the way the policy itself would write them. Messages quote the
    /// user's own text, and a key or Sid holding a line break or a terminal escape must neither
    /// break the one-line message nor reach the terminal as a command.
    public func escapingControlCharacters() -> String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var escaped = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard Self.needsEscape(scalar) else {
                escaped.append(scalar)
                continue
            }
            let text: String
            switch scalar {
            case "\n": text = "\\n"
            case "\r": text = "\\r"
            case "\t": text = "\\t"
            default:
                let digits = String(scalar.value, radix: 16, uppercase: true)
                text = "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            }
            escaped.append(contentsOf: text.unicodeScalars)
        }
        return String(escaped)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension Array where Element == Finding {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// In source order, then by severity, so output reads top to bottom like the file.
    public func sortedBySource() -> [Finding] {
        sorted { a, b in
            if a.range.start.offset != b.range.start.offset { return a.range.start.offset < b.range.start.offset }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.code < b.code
        }
    }
}
