/// Findings as a person reads them in a terminal, compiler style:
///
///     policy.json:7:30: error[placeholder]: …
///       help: …
///         7 |         "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/…"
///           |                              ^~~~~~~~~~~~~~~~~~~~~
///
/// A pure function of its input: the caller decides whether colour is wanted.
public struct TextFindingRenderer: Sendable {
    /// Wraps severity names in ANSI colour codes; nothing else is coloured, so the text stays greppable.
    public var colored: Bool
    /// Tabs become spaces up to the next multiple of this, in the source line and under it alike,
    /// so the caret lands under the right character whatever the terminal's tab width.
    public var tabWidth: Int

    public init(colored: Bool = false, tabWidth: Int = 4) {
        self.colored = colored
        self.tabWidth = max(1, tabWidth)
    }

    /// Every finding of every file, then the summary line. Ends with a newline.
    public func render(_ files: [SourceFindings]) -> String {
        var out = ""
        for file in files {
            var excerpt = SourceExcerpt(text: file.text)
            for finding in file.findings {
                out += render(finding, file: file.file, excerpt: &excerpt)
            }
        }
        out += files.summary + "\n"
        return out
    }

    /// One finding: the header line, the help line, then the source line with its caret.
    public func render(_ finding: Finding, in file: SourceFindings) -> String {
        var excerpt = SourceExcerpt(text: file.text)
        return render(finding, file: file.file, excerpt: &excerpt)
    }

    private func render(_ finding: Finding, file: String, excerpt: inout SourceExcerpt) -> String {
        let start = finding.range.start
        var out = "\(file):\(start.line):\(start.column): \(severityName(finding.severity))[\(finding.code)]: \(finding.message)\n"
        if let help = finding.help, !help.isEmpty {
            out += "  help: \(help)\n"
        }
        guard start.line >= 1, start.line <= excerpt.lineCount, start.column >= 1 else { return out }
        let end = endColumn(of: finding.range)
        let window = excerpt.window(line: start.line, from: start.column, to: end)
        let from = start.column - window.firstColumn + 1
        let (body, caretOffset, caretWidth) = expand(window.scalars, from: from, to: end - window.firstColumn + 1)
        let before = window.cutBefore ? "…" : ""
        let shown = before + body + (window.cutAfter ? "…" : "")
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count)
        out += "    \(number) | \(shown)\n"
        out += "    \(gutter) | \(String(repeating: " ", count: caretOffset + before.count))^\(String(repeating: "~", count: max(0, caretWidth - 1)))\n"
        return out
    }

    /// The end column when the range ends on its start line; otherwise the caret marks one character.
    private func endColumn(of range: SourceRange) -> Int {
        range.end.line == range.start.line && range.end.column > range.start.column ? range.end.column : range.start.column + 1
    }

    /// The scalars with tabs expanded and control characters made visible, and where (in display
    /// columns) the 1-based `from..<to` scalar columns fall in them.
    private func expand(_ line: [Unicode.Scalar], from: Int, to: Int) -> (String, Int, Int) {
        var shown = String.UnicodeScalarView()
        var width = 0
        var caretStart: Int?
        var caretEnd: Int?
        var column = 1
        for scalar in line {
            if column == from { caretStart = width }
            if column == to { caretEnd = width }
            if scalar == "\t" {
                let spaces = tabWidth - width % tabWidth
                shown.append(contentsOf: repeatElement(" ", count: spaces))
                width += spaces
            } else {
                shown.append(SourceExcerpt.printable(scalar))
                width += 1
            }
            column += 1
        }
        // A column past the end of the line (an unexpected end of input) points just after it.
        let startWidth = caretStart ?? width + max(0, from - column)
        let endWidth = caretEnd ?? max(startWidth + 1, width)
        return (String(shown), startWidth, max(1, endWidth - startWidth))
    }

    private func severityName(_ severity: Severity) -> String {
        guard colored else { return severity.rawValue }
        let code = switch severity {
        case .error: "1;31"
        case .security: "1;35"
        case .warning: "1;33"
        case .suggestion: "1;36"
        }
        return "\u{1B}[\(code)m\(severity.rawValue)\u{1B}[0m"
    }
}
