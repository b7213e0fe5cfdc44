/// A JSON value that remembers where it came from, so every finding can point at the learner's text.
public struct JSONNode: Sendable, Hashable {
    public var value: JSONValue
    public var range: SourceRange

    public init(_ value: JSONValue, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var keyRange: SourceRange
    public var value: JSONNode

    public init(key: String, keyRange: SourceRange, value: JSONNode) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
    }
}

public enum JSONValue: Sendable, Hashable {
    /// Members in source order; a repeated key is kept (and reported) rather than silently replaced.
    case object([JSONMember])
    case array([JSONNode])
    case string(String)
    /// The number's source text, validated against RFC 8259; IAM compares numbers in conditions
    /// by value, so converting here would only lose precision.
    case number(String)
    case bool(Bool)
    case null

    /// How the kind of value is named in messages to a learner.
    public var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "a list"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// The outcome of reading a file: a tree when the text is valid JSON, and every finding met on the way.
public struct JSONDocument: Sendable {
    public var root: JSONNode?
    public var findings: [Finding]
}
