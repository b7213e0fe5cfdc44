import Foundation
import Yams

/// A composed YAML file, refused when it uses anchors, aliases, tags, or lists and mappings as keys.
///
/// Yams shares an aliased node instead of copying it, so composing an alias bomb is cheap, but anything that
/// walks or hashes the tree expands it exponentially. Yams' own duplicate-key check, while composing, hashes
/// every key: a list or mapping key is hashed whole, and keys nested in keys are hashed again at every level,
/// so 2 KB of `{{{…}}}` took seconds. Lab files need neither, so both are refused before Yams sees the text.
/// Nor do they need tags: every value is read as text, and a tag such as `!!python/object` means the file
/// was written for something else.
struct YAMLDocument {
    let file: String
    let root: Node

    static func compose(text: String, file: String) -> Result<YAMLDocument, LabDiagnostic> {
        if let mark = AliasScanner.firstHit(in: text) {
            let message = switch (mark.kind, mark.character) {
            case (.anchorOrAlias, _):
                "anchors and aliases (`&name`, `*name`) are not allowed in lab files; write the value out, or quote it if you meant a literal `\(mark.character)`"
            case (.collectionKey, "?"):
                "explicit keys (`? key`) are not allowed in lab files; write `key: value`, or quote it if you meant a literal `?`"
            case (.collectionKey, _):
                "a list or mapping cannot be a key in lab files; keys are plain names, so write the key as text"
            }
            return .failure(LabDiagnostic(file: file, line: mark.line, column: mark.column, message: message))
        }
        do {
            // Anchors are held weakly by nodes, so the parser must outlive the walk below.
            let parser = try Parser(yaml: text)
            guard let root = try parser.singleRoot() else {
                return .failure(LabDiagnostic(file: file, message: "file is empty; it needs a YAML mapping"))
            }
            if let (node, problem) = firstRefused(root) {
                return .failure(LabDiagnostic(file: file, line: node.mark?.line, column: node.mark?.column, message: problem))
            }
            return .success(YAMLDocument(file: file, root: root))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file))
        } catch {
            return .failure(LabDiagnostic(file: file, message: "cannot read YAML: \(error)"))
        }
    }

    /// The tags a plain YAML file resolves to without writing any; anything else was written out.
    static let plainTags: Set<String> = Set(
        ["str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "value"].map { "tag:yaml.org,2002:" + $0 })

    /// The first anchored or explicitly tagged node, and why it is refused. Stops there without
    /// descending into it, so the walk stays linear in the text.
    private static func firstRefused(_ node: Node) -> (Node, String)? {
        if node.anchor != nil { return (node, "anchors and aliases are not allowed in lab files; write the value out") }
        if case .alias = node { return nil }
        let tag = node.tag.description
        if !plainTags.contains(tag) {
            let written = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
            return (node, "the tag `\(written)` is not allowed here; remove it: every value is read as plain text")
        }
        switch node {
        case .scalar, .alias:
            return nil
        case .sequence(let sequence):
            for child in sequence { if let found = firstRefused(child) { return found } }
            return nil
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstRefused(key) ?? firstRefused(value) { return found }
            }
            return nil
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> LabDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            // libyaml's own limit (1,000 levels) keeps the recursive composer off the end of the stack.
            let message = problem.hasPrefix("Maximum nesting level")
                ? "YAML is nested more than 1,000 levels deep; flatten it" : "invalid YAML: \(problem)"
            return LabDiagnostic(file: file, line: mark.line, column: mark.column, message: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return LabDiagnostic(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "duplicate key \(keys); each key may appear once in a mapping")
        case .reader(let problem, let offset?, let value, let yaml):
            // libyaml stops at characters YAML forbids (NUL and other controls); say which, and where.
            let place = UTF8Place.of(offset: offset, in: Array(yaml.utf8))
            return LabDiagnostic(file: file, line: place.line, column: place.column, message: forbidden(value, in: "a YAML file") ?? "cannot read YAML: \(problem)")
        case .reader(let problem, nil, _, _):
            return LabDiagnostic(file: file, message: "cannot read YAML: \(problem)")
        default:
            return LabDiagnostic(file: file, message: "cannot read YAML: \(error)")
        }
    }
}

extension YAMLDocument {
    /// How a character libyaml refuses is named, or nil when the value is not a character.
    static func forbidden(_ value: Int32, in place: String) -> String? {
        guard value >= 0, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
        let code = String(scalar.value, radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
        if value == 0 { return "a NUL character (\(name)) is not allowed in \(place); remove it" }
        if scalar.properties.generalCategory == .control {
            return "the control character \(name) is not allowed in \(place); remove it"
        }
        return "the character \(name) is not allowed in \(place); remove it"
    }
}

/// A conservative lexical pass that finds `&` or `*` where YAML would read an anchor or alias, and `?`, `[` or `{`
/// where it would read an explicit key or a list or mapping as a key: outside quoted scalars, block scalars and
/// comments, with libyaml's line breaks and its rules inside flow collections (`[…]`, `{…}`). It may refuse a
/// strange but legal plain scalar; it never lets an alias or a collection key through to the composer.
enum AliasScanner {
    struct Hit {
        enum Kind { case anchorOrAlias, collectionKey }
        let line: Int
        let column: Int
        let character: Character
        var kind = Kind.anchorOrAlias
    }

    static func firstAnchorOrAlias(in text: String) -> Hit? { firstHit(in: text, of: [.anchorOrAlias]) }

    static func firstHit(in text: String, of kinds: Set<Hit.Kind> = [.anchorOrAlias, .collectionKey]) -> Hit? {
        enum State { case plain, doubleQuoted, singleQuoted, comment }
        var state = State.plain
        var line = 1, column = 0
        var previous: Unicode.Scalar? = nil       // previous scalar on this line, nil at line start
        var lineSignificant: Unicode.Scalar? = nil // previous non-blank scalar on this line
        var lastSignificant: Unicode.Scalar? = nil // previous non-blank scalar outside comments, across lines
        var colonWasIndicator = false             // `previous` is a `:` that libyaml reads as a value indicator
        var flow: [Hit] = []                      // open `[` and `{`, innermost last
        var lineIndent = 0, countingIndent = true
        var blockIndent: Int? = nil               // inside a block scalar: the indentation of its parent line
        var pendingBlock = false                  // saw `|` or `>` at a node start on this line
        var escaped = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func hit(_ c: Unicode.Scalar, _ kind: Hit.Kind) -> Hit? {
            kinds.contains(kind) ? Hit(line: line, column: column, character: Character(c), kind: kind) : nil
        }
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            let next = index < scalars.count ? scalars[index] : nil
            if c == "\r" && next == "\n" { continue }
            if isBreak(c) {
                if pendingBlock { blockIndent = lineIndent; pendingBlock = false }
                if state == .comment { state = .plain }
                escaped = false                   // `\` before a break escapes the break, not the next line
                line += 1; column = 0; previous = nil; lineSignificant = nil; lineIndent = 0; countingIndent = true
                continue
            }
            column += 1
            // libyaml skips a byte order mark at the start of a line; anywhere else it is text.
            if c == "\u{FEFF}" && previous == nil { continue }
            if countingIndent {
                if c == " " { lineIndent += 1; continue }
                countingIndent = false
                if let parent = blockIndent {
                    if lineIndent > parent { skipToEndOfLine(scalars, &index); continue }
                    blockIndent = nil
                }
            }
            defer {
                if state != .comment && c != " " && c != "\t" { lineSignificant = c; lastSignificant = c }
                previous = c
            }
            switch state {
            case .comment:
                continue
            case .doubleQuoted:
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { state = .plain }
                continue
            case .singleQuoted:
                if c == "'" {
                    if next == "'" { index += 1; column += 1 } else { state = .plain }
                }
                continue
            case .plain:
                break
            }
            let inFlow = !flow.isEmpty
            let atNodeStart = previous == nil || previous == " " || previous == "\t" || previous == "[" || previous == "{"
                || previous == "," || (previous == ":" && colonWasIndicator)
            colonWasIndicator = false
            if c == "#" && (previous == nil || previous == " " || previous == "\t") {
                state = .comment
            } else if atNodeStart && (c == "&" || c == "*") {
                if let found = hit(c, .anchorOrAlias) { return found }
            } else if c == "?" && atNodeStart && (inFlow || isBlankOrEnd(next) && (lineSignificant.map { "-?:".unicodeScalars.contains($0) } ?? true)) {
                // Outside flow collections `? ` is a key only where a token starts: first on its line or after an indicator.
                if let found = hit(c, .collectionKey) { return found }
            } else if (atNodeStart || inFlow) && (c == "[" || c == "{") {
                // Inside a flow mapping, a collection that is not a value (after `:`) is a key.
                if flow.last?.character == "{" && lastSignificant != ":", let found = hit(c, .collectionKey) { return found }
                flow.append(Hit(line: line, column: column, character: Character(c), kind: .collectionKey))
            } else if inFlow && (c == "]" || c == "}") {
                let opening = flow.removeLast()
                var after = index
                while after < scalars.count, scalars[after] == " " || scalars[after] == "\t" { after += 1 }
                if after < scalars.count, scalars[after] == ":", kinds.contains(.collectionKey) { return opening }
            } else if c == ":" && inFlow {
                // In a flow collection `:` is an indicator where a token may start, and it ends a plain scalar before
                // a blank or a flow indicator; either way what follows it starts a node.
                colonWasIndicator = atNodeStart || previous == "\"" || previous == "'" || previous == "]" || previous == "}"
                    || isBlankOrEnd(next) || ",?[]{}".unicodeScalars.contains(next!)
            } else if atNodeStart && c == "\"" {
                state = .doubleQuoted
            } else if atNodeStart && c == "'" {
                state = .singleQuoted
            } else if atNodeStart && !inFlow && (c == "|" || c == ">") && onlyHeaderFollows(scalars, index) {
                pendingBlock = true
            }
        }
        return nil
    }

    /// libyaml's line breaks: LF, CR (CR LF is one), NEL, LS and PS.
    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func isBlankOrEnd(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        return scalar == " " || scalar == "\t" || scalar == "\0" || isBreak(scalar)
    }

    /// A block scalar header is `|` or `>`, optional indentation and chomping indicators, an optional comment.
    private static func onlyHeaderFollows(_ scalars: [Unicode.Scalar], _ start: Int) -> Bool {
        var index = start
        while index < scalars.count, "+-0123456789".unicodeScalars.contains(scalars[index]) { index += 1 }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index == scalars.count || isBreak(scalars[index]) || scalars[index] == "#"
    }

    private static func skipToEndOfLine(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, !isBreak(scalars[index]) { index += 1 }
    }
}
