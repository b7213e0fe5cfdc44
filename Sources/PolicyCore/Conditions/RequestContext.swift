/// The context keys of one request, each with one or many values.
///
/// Key names are case-insensitive (`aws:SourceIp` == `AWS:sourceip`): they are lower-cased
/// once here, and compiled conditions keep their key lower-cased, so a lookup is one hash.
/// Two spellings of the same key given at construction are merged.
public struct RequestContext: Sendable, Hashable {
    private var storage: [String: [String]]

    public init(_ values: [String: [String]] = [:]) {
        var storage: [String: [String]] = [:]
        storage.reserveCapacity(values.count)
        for (key, list) in values {
            storage[key.lowercased(), default: []].append(contentsOf: list)
        }
        self.storage = storage
    }

    /// Nil when the key is absent; possibly empty when the request carries an empty list.
    public func values(for key: String) -> [String]? {
        storage[key.lowercased()]
    }

    /// The key's value when it has exactly one; nil when absent, empty or multivalued. This is
    /// what a policy variable can use: multivalued keys cannot be variables.
    public func singleValue(for key: String) -> String? {
        guard let list = storage[key.lowercased()], list.count == 1 else { return nil }
        return list[0]
    }

    /// Lookup for callers that already hold the lower-cased key.
    func values(forLowercasedKey key: String) -> [String]? {
        storage[key]
    }

    /// The keys present, lower-cased.
    public var keys: [String] { Array(storage.keys) }

    public mutating func set(_ key: String, _ values: [String]) {
        storage[key.lowercased()] = values
    }
}
