/// An Amazon Resource Name: `arn:partition:service:region:account:resource`.
///
/// Only the first five colons delimit fields; the resource keeps any further `:` and `/`
/// (`repository/team/app`, `log-group:name:*`). Fields may be empty (`arn:aws:s3:::bucket`).
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    public let partition: String
    public let service: String
    public let region: String
    public let account: String
    public let resource: String

    public init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Nil unless the text starts with `arn:` and has at least six colon-separated fields.
    public init?(_ string: String) {
        guard let parts = ARN.split(string), parts[0] == "arn" else { return nil }
        self.init(partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts[5])
    }

    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// The six fields of an ARN-shaped string (the first one is normally `arn`), or nil when the
    /// text has fewer than five colons.
    static func split(_ string: String) -> [String]? {
        var parts: [String] = []
        var rest = Substring(string)
        while parts.count < 5 {
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            parts.append(String(rest[..<colon]))
            rest = rest[rest.index(after: colon)...]
        }
        parts.append(String(rest))
        return parts
    }
}

/// The policy side of `ArnEquals` / `ArnLike` (and their negations).
///
/// AWS: "Case-sensitive matching of the ARN. Each of the six colon-delimited components of the
/// ARN is checked separately and each can include multi-character match wildcards (*) or
/// single-character match wildcards (?)" (IAM User Guide, Condition operators, ARN condition
/// operators). ArnEquals and ArnLike share that row, so both take wildcards. A `*` therefore
/// cannot cross a colon inside the first five fields, but can in the resource field, which
/// holds everything after the fifth colon.
///
/// Judgement call: a policy value with fewer than six fields (`*`, `arn:aws:iam::*`) is
/// matched as one glob against the whole request ARN, so `*` still means "any ARN".
public struct ARNPattern: Sendable, Hashable {
    enum Shape: Sendable, Hashable {
        case fields([WildcardPattern])
        case whole(WildcardPattern)
    }

    let shape: Shape

    public init(_ pattern: String) {
        self.init(tokens: WildcardPattern.tokens(pattern))
    }

    /// Builds from tokens so that literal `*`/`?` (policy-variable escapes and substituted
    /// values) stay literal. The fields are cut at the first five literal colons.
    public init(tokens: [WildcardToken]) {
        var fields: [[WildcardToken]] = [[]]
        for token in tokens {
            guard case .literal(let text) = token, fields.count < 6, text.utf8.contains(UInt8(ascii: ":")) else {
                fields[fields.count - 1].append(token)
                continue
            }
            var current = ""
            for scalar in text.unicodeScalars {
                if scalar == ":" && fields.count < 6 {
                    if !current.isEmpty { fields[fields.count - 1].append(.literal(current)) }
                    current = ""
                    fields.append([])
                } else {
                    current.unicodeScalars.append(scalar)
                }
            }
            if !current.isEmpty { fields[fields.count - 1].append(.literal(current)) }
        }
        if fields.count == 6 {
            shape = .fields(fields.map { WildcardPattern(tokens: $0, caseSensitive: true) })
        } else {
            shape = .whole(WildcardPattern(tokens: tokens, caseSensitive: true))
        }
    }

    public func matches(_ arn: String) -> Bool {
        switch shape {
        case .whole(let pattern):
            return pattern.matches(arn)
        case .fields(let patterns):
            var text = arn
            return text.withUTF8 { ARNPattern.matchFields(patterns, $0) }
        }
    }

    /// Cuts the request ARN at its first five colons in place and matches field by field.
    private static func matchFields(_ patterns: [WildcardPattern], _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        var field = 0
        var i = 0
        while field < 5 {
            while i < s.count && s[i] != UInt8(ascii: ":") { i += 1 }
            guard i < s.count else { return false }
            let slice = UnsafeBufferPointer(rebasing: s[start..<i])
            guard patterns[field].matches(utf8: slice) else { return false }
            field += 1
            i += 1
            start = i
        }
        return patterns[5].matches(utf8: UnsafeBufferPointer(rebasing: s[start..<s.count]))
    }
}

extension WildcardPattern {
    /// Splits text into tokens, `*` and `?` being wildcards.
    static func tokens(_ text: String) -> [WildcardToken] {
        var tokens: [WildcardToken] = []
        var literal = ""
        for scalar in text.unicodeScalars {
            if scalar == "*" || scalar == "?" {
                if !literal.isEmpty { tokens.append(.literal(literal)); literal = "" }
                tokens.append(scalar == "*" ? .anyRun : .anyOne)
            } else {
                literal.unicodeScalars.append(scalar)
            }
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        return tokens
    }
}
