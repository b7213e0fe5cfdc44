/// Task instructions and hints (Markdown) made readable in a terminal: headings bold and underlined,
/// `**bold**` bold, code blocks indented, bullets as `•`. Without styling (not a terminal, NO_COLOR)
/// the text keeps its shape and loses only the markup.
public struct TerminalMarkdown: Sendable {
    public var styled: Bool

    public init(styled: Bool) { self.styled = styled }

    private func style(_ text: String, _ code: String) -> String {
        styled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func render(_ markdown: String) -> String {
        var output: [String] = []
        var inFence = false
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if inFence || line.hasPrefix("    ") {
                let code = inFence ? line : String(line.dropFirst(4))
                output.append("    " + style(code, "36"))
                continue
            }
            if trimmed.hasPrefix("#") {
                let title = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                output.append(style(inline(title, bold: false), "1;4"))
                continue
            }
            if let marker = ["- ", "* "].first(where: { trimmed.hasPrefix($0) }) {
                let indent = String(line.prefix { $0 == " " })
                output.append(indent + "• " + inline(String(trimmed.dropFirst(marker.count)), bold: true))
                continue
            }
            output.append(inline(line, bold: true))
        }
        while output.last?.isEmpty == true { output.removeLast() }
        return output.joined(separator: "\n") + "\n"
    }

    /// `**bold**` and `` `code` `` within a line; the backticks stay when plain, as they mark what to type.
    private func inline(_ line: String, bold: Bool) -> String {
        var result = ""
        var rest = Substring(line)
        while let start = rest.range(of: "**") {
            guard let end = rest[start.upperBound...].range(of: "**") else { break }
            result += code(String(rest[..<start.lowerBound]))
            let inner = String(rest[start.upperBound..<end.lowerBound])
            result += bold ? style(inner, "1") : inner
            rest = rest[end.upperBound...]
        }
        return result + code(String(rest))
    }

    private func code(_ text: String) -> String {
        guard styled else { return text }
        var result = ""
        var inside = false
        for character in text {
            if character == "`" {
                result += inside ? "\u{1B}[0m" : "\u{1B}[36m"
                inside.toggle()
            } else {
                result.append(character)
            }
        }
        return inside ? result + "\u{1B}[0m" : result
    }
}
