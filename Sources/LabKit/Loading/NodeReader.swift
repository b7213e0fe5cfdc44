import Yams

/// Collects diagnostics while a file is read, so one pass reports every problem.
final class DiagnosticList {
    private(set) var items: [LabDiagnostic] = []

    func add(_ diagnostic: LabDiagnostic) { items.append(diagnostic) }

    func add(_ file: String, _ node: Node?, _ message: String) {
        items.append(LabDiagnostic(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    var isEmpty: Bool { items.isEmpty }
}

/// Typed, strict access to YAML nodes: every wrong type, missing field or unknown key becomes a diagnostic
/// at the node's line and column, and the caller gets nil instead of a guess.
struct NodeReader {
    let file: String
    let diagnostics: DiagnosticList

    func report(_ node: Node?, _ message: String) { diagnostics.add(file, node, message) }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    func mapping(_ node: Node, _ what: String, allowed: [String]) -> Mapping? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(key, "keys in \(what) must be plain names")
                continue
            }
            guard allowed.contains(scalar.string) else {
                report(key, "unknown key `\(scalar.string)` in \(what); expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append((scalar.string, key, value))
        }
        return Mapping(node: node, entries: entries, what: what, reader: self)
    }

    /// A mapping whose keys are names chosen by the author (principal names, repository names).
    func namedEntries(_ node: Node, _ what: String) -> [(name: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping of names to values")
            return nil
        }
        var result: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, !Self.isNull(key) else {
                report(key, "names in \(what) must be plain text")
                continue
            }
            result.append((scalar.string, key, value))
        }
        return result
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            report(node, Self.isNull(node) ? "\(what) is empty; give it a value" : "\(what) must be text, not a \(Self.shape(node))")
            return nil
        }
        return scalar.string
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar(let scalar) = node, ["true", "false"].contains(scalar.string) else {
            report(node, "\(what) must be `true` or `false`")
            return nil
        }
        return scalar.string == "true"
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(node, "\(what) must be a list, not a \(Self.shape(node))")
            return nil
        }
        return Array(sequence)
    }

    func strings(_ node: Node, _ what: String) -> [(String, Node)]? {
        guard let items = sequence(node, what) else { return nil }
        return items.compactMap { item in string(item, "an entry of \(what)").map { ($0, item) } }
    }

    func choice<T: RawRepresentable>(_ node: Node, _ what: String, as type: T.Type, _ all: [T]) -> T? where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        guard let value = T(rawValue: text) else {
            report(node, "\(what) `\(text)` is not one of: \(all.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// The first names of a list for a message: a file can name thousands of things, and every diagnostic that
    /// listed them all would make reading a hostile file quadratic in time and memory.
    static func listing<Names: Collection<String>>(_ names: Names) -> String {
        let shown = names.prefix(12).joined(separator: ", ")
        return names.count > 12 ? "\(shown), … (\(names.count) in all)" : shown
    }

    static func shape(_ node: Node) -> String {
        switch node {
        case .scalar: return "single value"
        case .sequence: return "list"
        case .mapping: return "mapping"
        case .alias: return "alias"
        }
    }

    struct Mapping {
        let node: Node
        let entries: [(key: String, keyNode: Node, value: Node)]
        let what: String
        let reader: NodeReader

        func optional(_ key: String) -> Node? {
            entries.first { $0.key == key }.map(\.value)
        }

        func required(_ key: String) -> Node? {
            if let value = optional(key) { return value }
            reader.report(node, "missing `\(key)` in \(what)")
            return nil
        }

        func keyNode(_ key: String) -> Node? {
            entries.first { $0.key == key }.map(\.keyNode)
        }
    }
}
