/// A policy string that may hold policy variables (`${aws:username}`), defaults
/// (`${aws:PrincipalTag/team, 'none'}`) and the escapes `${*}`, `${?}`, `${$}`.
///
/// Rules implemented (IAM User Guide, "IAM policy elements: Variables and tags"):
/// - Variables are substituted only under Version 2012-10-17; the caller decides whether to
///   build a template at all.
/// - The key name is case-insensitive (the lookup receives it as written); surrounding spaces
///   are ignored. A default is written after a comma, in single quotes; `''` inside the quotes
///   is one quote. The default is used when the key is absent or has no single value
///   (multivalued keys cannot be variables).
/// - `${*}`, `${?}`, `${$}` stand for a literal `*`, `?`, `$`.
/// - Substitution is one pass: a substituted value (or default) is never re-read for
///   variables or wildcards.
/// - Judgement call: a `${` that does not form a well-formed variable (no closing `}`, empty
///   name, text after the quoted default) is kept as literal text and reported in `issues`,
///   so the linter can flag it while evaluation treats it the way AWS's literal text would.
public struct PolicyVariableTemplate: Sendable, Hashable {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case variable(name: String, defaultValue: String?)
        /// `${*}`, `${?}` or `${$}`: the character itself, never a wildcard.
        case escaped(Character)
    }

    public struct Issue: Sendable, Hashable {
        /// Offset in characters of the `$` that starts the malformed variable.
        public let offset: Int
        public let message: String
    }

    public let source: String
    public let segments: [Segment]
    public let issues: [Issue]

    /// True when at least one `${key}` must be looked up in the request.
    public var hasVariables: Bool {
        segments.contains { if case .variable = $0 { return true } else { return false } }
    }

    /// The glob for a template that reads no variable (escapes resolved), built once at
    /// compile time; nil when the pattern depends on the request.
    public func staticPattern(caseSensitive: Bool) -> WildcardPattern? {
        guard !hasVariables, let tokens = resolveTokens({ _ in nil }) else { return nil }
        return WildcardPattern(tokens: tokens, caseSensitive: caseSensitive)
    }

    /// The keys the template reads, as written.
    public var variableNames: [String] {
        segments.compactMap { if case .variable(let name, _) = $0 { return name } else { return nil } }
    }

    public init(_ source: String) {
        self.source = source
        var parser = TemplateParser(Array(source))
        parser.run()
        segments = parser.segments
        issues = parser.issues
    }

    /// The string with every variable replaced; nil when a variable without default has no
    /// value. Escapes give their literal character. Use for StringEquals-style values.
    public func resolve(_ lookup: (String) -> String?) -> String? {
        var result = ""
        for segment in segments {
            switch segment {
            case .literal(let text): result += text
            case .escaped(let character): result.append(character)
            case .variable(let name, let defaultValue):
                guard let value = lookup(name) ?? defaultValue else { return nil }
                result += value
            }
        }
        return result
    }

    /// Glob tokens: `*` and `?` written in the template are wildcards; escapes and substituted
    /// values are literal. Nil when a variable without default has no value. Use for
    /// Resource patterns and StringLike / ArnLike values.
    public func resolveTokens(_ lookup: (String) -> String?) -> [WildcardToken]? {
        var tokens: [WildcardToken] = []
        for segment in segments {
            switch segment {
            case .literal(let text): tokens.append(contentsOf: WildcardPattern.tokens(text))
            case .escaped(let character): tokens.append(.literal(String(character)))
            case .variable(let name, let defaultValue):
                guard let value = lookup(name) ?? defaultValue else { return nil }
                tokens.append(.literal(value))
            }
        }
        return tokens
    }

    /// Looks variables up in a request context: a key counts only when it has exactly one value.
    public func resolve(in context: RequestContext) -> String? {
        resolve { context.singleValue(for: $0) }
    }

    public func resolveTokens(in context: RequestContext) -> [WildcardToken]? {
        resolveTokens { context.singleValue(for: $0) }
    }
}

private struct TemplateParser {
    let chars: [Character]
    var index = 0
    var literal = ""
    var segments: [PolicyVariableTemplate.Segment] = []
    var issues: [PolicyVariableTemplate.Issue] = []

    init(_ chars: [Character]) { self.chars = chars }

    mutating func run() {
        while index < chars.count {
            if chars[index] == "$", index + 1 < chars.count, chars[index + 1] == "{" {
                let start = index
                if let (segment, end) = parseVariable(from: index + 2) {
                    flushLiteral()
                    segments.append(segment)
                    index = end
                    continue
                }
                issues.append(.init(offset: start, message: malformedMessage(from: start)))
            }
            literal.append(chars[index])
            index += 1
        }
        flushLiteral()
    }

    mutating func flushLiteral() {
        if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
    }

    /// Parses after `${`; returns the segment and the index just past `}`.
    func parseVariable(from start: Int) -> (PolicyVariableTemplate.Segment, Int)? {
        var i = start
        var name = ""
        while i < chars.count, chars[i] != "}", chars[i] != "," { name.append(chars[i]); i += 1 }
        guard i < chars.count else { return nil }
        let trimmed = name.trimmingSpaces()
        if chars[i] == "}" {
            if trimmed == "*" || trimmed == "?" || trimmed == "$" { return (.escaped(trimmed.first!), i + 1) }
            guard !trimmed.isEmpty, !trimmed.utf8.contains(UInt8(ascii: "{")) else { return nil }
            return (.variable(name: trimmed, defaultValue: nil), i + 1)
        }
        // A default: `, 'text'` with `''` standing for one quote.
        guard !trimmed.isEmpty, !trimmed.utf8.contains(UInt8(ascii: "{")) else { return nil }
        i += 1
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i < chars.count, chars[i] == "'" else { return nil }
        i += 1
        var value = ""
        while true {
            guard i < chars.count else { return nil }
            if chars[i] == "'" {
                if i + 1 < chars.count, chars[i + 1] == "'" { value.append("'"); i += 2; continue }
                i += 1
                break
            }
            value.append(chars[i])
            i += 1
        }
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i < chars.count, chars[i] == "}" else { return nil }
        return (.variable(name: trimmed, defaultValue: value), i + 1)
    }

    func malformedMessage(from start: Int) -> String {
        let tail = String(chars[start..<min(chars.count, start + 40)])
        if !chars[start...].contains("}") {
            return "policy variable `\(tail)` has no closing `}`; it is read as plain text"
        }
        return "`\(tail)` is not a well-formed policy variable (write `${key}` or `${key, 'default'}`); it is read as plain text"
    }
}

