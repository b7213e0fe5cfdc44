import Testing

@testable import PolicyCore

/// A JSON tree without positions, so tests can compare what was read with what was meant.
indirect enum Tree: Hashable, CustomStringConvertible {
    case object([Pair])
    case array([Tree])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    struct Pair: Hashable {
        var key: String
        var value: Tree
    }

    init(_ node: JSONNode) {
        switch node.value {
        case .object(let members): self = .object(members.map { Pair(key: $0.key, value: Tree($0.value)) })
        case .array(let items): self = .array(items.map(Tree.init))
        case .string(let text): self = .string(text)
        case .number(let text): self = .number(text)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        }
    }

    var description: String {
        switch self {
        case .object(let pairs): "{" + pairs.map { "\($0.key.debugDescription): \($0.value)" }.joined(separator: ", ") + "}"
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .string(let text): text.debugDescription
        case .number(let text): text
        case .bool(let flag): "\(flag)"
        case .null: "null"
        }
    }
}

func read(_ text: String, reader: JSONReader = JSONReader()) -> JSONDocument { reader.read(text) }
func read(bytes: [UInt8], reader: JSONReader = JSONReader()) -> JSONDocument { reader.read(bytes) }

/// The one finding that stopped reading; records an issue when reading did not stop with exactly one.
func syntaxError(_ document: JSONDocument, sourceLocation: SourceLocation = #_sourceLocation) -> Finding? {
    #expect(document.root == nil, "expected reading to fail", sourceLocation: sourceLocation)
    #expect(document.findings.count == 1, "findings: \(document.findings)", sourceLocation: sourceLocation)
    return document.findings.last
}

func syntaxError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Finding? {
    syntaxError(read(text), sourceLocation: sourceLocation)
}

/// The value of a one-member document `{"v": …}`, or nil (with an issue) when it did not read.
func memberValue(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> Tree? {
    let document = read("{\"v\": \(json)}")
    #expect(document.findings.isEmpty, "findings: \(document.findings)", sourceLocation: sourceLocation)
    guard let root = document.root, case .object(let members) = root.value, let first = members.first else {
        Issue.record("`\(json)` did not read", sourceLocation: sourceLocation)
        return nil
    }
    return Tree(first.value)
}

extension SourcePosition {
    /// `line:column`, as the CLI prints it.
    var place: String { "\(line):\(column)" }
}

extension Finding {
    var place: String { range.start.place }
}

extension JSONNode {
    /// The member named `key` of an object node.
    subscript(key: String) -> JSONMember? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }
    }

    /// Item `index` of an array node.
    subscript(index: Int) -> JSONNode? {
        guard case .array(let items) = value, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
