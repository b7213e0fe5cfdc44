/// The state of one lint run: the policy, the facts every rule family shares (computed once), and
/// the findings collected so far.
struct LintContext {
    let parsed: ParsedPolicy
    let policy: Policy
    let kind: PolicyKind
    let options: LintOptions
    private(set) var findings: [Finding]
    /// One per statement, same order as `policy.statements`.
    let actionFacts: [StatementActions]
    /// Start offsets of the strings that hold a placeholder: other rules leave those strings alone,
    /// so the learner is told "placeholder", not "invalid account id".
    var placeholderStrings: Set<Int> = []

    init(parsed: ParsedPolicy, policy: Policy, kind: PolicyKind, options: LintOptions) {
        self.parsed = parsed
        self.policy = policy
        self.kind = kind
        self.options = options
        self.findings = parsed.findings.filter { !options.disabledCodes.contains($0.code) }
        var patterns: [String: ECRActionSet] = [:]
        self.actionFacts = policy.statements.map { StatementActions($0, patterns: &patterns) }
    }

    mutating func report(
        _ severity: Severity, _ code: String, _ message: String, at range: SourceRange, help: String? = nil
    ) {
        if options.disabledCodes.contains(code) { return }
        findings.append(Finding(severity, code, message, at: range, help: help))
    }

    func holdsPlaceholder(_ value: Located<String>) -> Bool {
        !placeholderStrings.isEmpty && placeholderStrings.contains(value.range.start.offset)
    }

    /// The source range of part of a string value, given as UTF-8 offsets into the decoded value.
    /// Exact when the string was written without escapes (then source and value have the same
    /// bytes); otherwise the whole string, which is still the right place to look.
    func range(in value: Located<String>, utf8Offset: Int, utf8Length: Int) -> SourceRange {
        let whole = value.range
        let bytes = value.value.utf8
        guard whole != .unknown, whole.end.line == whole.start.line,
            whole.end.offset - whole.start.offset == bytes.count + 2,
            utf8Offset >= 0, utf8Length >= 0, utf8Offset + utf8Length <= bytes.count
        else { return whole }
        var columnsBefore = 0
        var columnsInside = 0
        var position = 0
        for byte in bytes {
            if position >= utf8Offset + utf8Length { break }
            // Columns count Unicode scalars: skip UTF-8 continuation bytes.
            if byte & 0xC0 != 0x80 {
                if position < utf8Offset { columnsBefore += 1 } else { columnsInside += 1 }
            }
            position += 1
        }
        let start = SourcePosition(
            offset: whole.start.offset + 1 + utf8Offset, line: whole.start.line,
            column: whole.start.column + 1 + columnsBefore)
        let end = SourcePosition(
            offset: start.offset + utf8Length, line: start.line, column: start.column + columnsInside)
        return SourceRange(start: start, end: end)
    }

    /// The first character of a range, for findings about something absent from a statement.
    static func startOf(_ range: SourceRange) -> SourceRange { SourceRange(start: range.start, end: range.start) }
}

extension Statement {
    var allows: Bool { effect?.value == .allow }

    /// How a message names the statement: `statement `AllowPull`` or `statement 2`, so that a
    /// message starts lower-case and the learner's own Sid stays in backticks.
    var label: String {
        if let sid = sid?.value, !sid.isEmpty { return "statement `\(sid)`" }
        return "statement \(index + 1)"
    }
}
