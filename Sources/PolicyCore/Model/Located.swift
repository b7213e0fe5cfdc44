/// A value together with where it was written. Two located values are equal when their values are:
/// a policy means the same wherever its text sits, and tests compare meaning.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, at range: SourceRange = .unknown) {
        self.value = value
        self.range = range
    }

    public static func == (lhs: Located, rhs: Located) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// A source range that takes no part in equality, so model types can keep synthesized `==`
/// while still carrying where each element came from.
@propertyWrapper
public struct SourceSpan: Hashable, Sendable {
    public var wrappedValue: SourceRange

    public init(wrappedValue: SourceRange) { self.wrappedValue = wrappedValue }

    public static func == (lhs: SourceSpan, rhs: SourceSpan) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
