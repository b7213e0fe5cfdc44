import Foundation
import Yams

/// A composed YAML file, refused when it uses anchors, aliases or tags.
///
/// Yams shares an aliased node instead of copying it, so composing an alias bomb is cheap, but anything that
/// walks or hashes the tree (Yams' own duplicate-key check hashes complex keys) expands it exponentially.
/// Lab files never need aliases, so they are refused before Yams sees the text. Nor do they need tags:
/// every value is read as text, and a tag such as `!!python/object` means the file was written for
/// something else.
struct YAMLDocument {
    let file: String
    let root: Node

    static func compose(text: String, file: String) -> Result<YAMLDocument, LabDiagnostic> {
        if let mark = AliasScanner.firstAnchorOrAlias(in: text) {
            return .failure(LabDiagnostic(
                file: file, line: mark.line, column: mark.column,
                message: "anchors and aliases (`&name`, `*name`) are not allowed in lab files; write the value out, or quote it if you meant a literal `\(mark.character)`"))
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

/// A conservative lexical pass that finds `&` or `*` where YAML would read an anchor or alias: at the start of
/// a node, outside quoted scalars, block scalars and comments. It may refuse a strange but legal plain
/// scalar; it never lets an alias through to the composer.
enum AliasScanner {
    struct Hit { let line: Int; let column: Int; let character: Character }

    static func firstAnchorOrAlias(in text: String) -> Hit? {
        enum State { case plain, doubleQuoted, singleQuoted, comment }
        var state = State.plain
        var line = 1, column = 0
        var previous: Unicode.Scalar? = nil       // previous scalar on this line, nil at line start
        var lineIndent = 0, countingIndent = true
        var blockIndent: Int? = nil               // inside a block scalar: the indentation of its parent line
        var pendingBlock = false                  // saw `|` or `>` at a node start on this line
        var escaped = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if c == "\n" {
                if pendingBlock { blockIndent = lineIndent; pendingBlock = false }
                if state == .comment { state = .plain }
                line += 1; column = 0; previous = nil; lineIndent = 0; countingIndent = true
                continue
            }
            column += 1
            if countingIndent {
                if c == " " { lineIndent += 1; continue }
                countingIndent = false
                if let parent = blockIndent {
                    if lineIndent > parent { skipToEndOfLine(scalars, &index); continue }
                    blockIndent = nil
                }
            }
            switch state {
            case .comment:
                continue
            case .doubleQuoted:
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { state = .plain }
                previous = c
                continue
            case .singleQuoted:
                if c == "'" {
                    if index < scalars.count, scalars[index] == "'" { index += 1; column += 1 } else { state = .plain }
                }
                previous = c
                continue
            case .plain:
                break
            }
            let atNodeStart = previous == nil || previous == " " || previous == "\t" || previous == "[" || previous == "{" || previous == ","
            if c == "#" && (previous == nil || previous == " " || previous == "\t") {
                state = .comment
            } else if atNodeStart && (c == "&" || c == "*") {
                return Hit(line: line, column: column, character: Character(c))
            } else if atNodeStart && c == "\"" {
                state = .doubleQuoted
            } else if atNodeStart && c == "'" {
                state = .singleQuoted
            } else if atNodeStart && (c == "|" || c == ">") && onlyHeaderFollows(scalars, index) {
                pendingBlock = true
            }
            previous = c
        }
        return nil
    }

    /// A block scalar header is `|` or `>`, optional indentation and chomping indicators, an optional comment.
    private static func onlyHeaderFollows(_ scalars: [Unicode.Scalar], _ start: Int) -> Bool {
        var index = start
        while index < scalars.count, "+-0123456789".unicodeScalars.contains(scalars[index]) { index += 1 }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index == scalars.count || scalars[index] == "\n" || scalars[index] == "#" || scalars[index] == "\r"
    }

    private static func skipToEndOfLine(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
    }
}
