/// A condition operator such as `StringEquals`, `ForAnyValue:StringLike` or
/// `NumericLessThanIfExists`, parsed from the name written in a policy.
///
/// Names are case-sensitive, as in AWS: IAM rejects `stringEquals` with "Invalid Condition
/// type", so a wrong case is an unknown operator (with the right spelling suggested).
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    public enum Quantifier: String, Sendable, Hashable, CaseIterable {
        case none = ""
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    public enum Family: Sendable, Hashable {
        case string, numeric, date, bool, binary, ipAddress, arn, null
    }

    public enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        public var family: Family {
            switch self {
            case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
                 .stringLike, .stringNotLike: return .string
            case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
                 .numericGreaterThan, .numericGreaterThanEquals: return .numeric
            case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals,
                 .dateGreaterThan, .dateGreaterThanEquals: return .date
            case .bool: return .bool
            case .binaryEquals: return .binary
            case .ipAddress, .notIpAddress: return .ipAddress
            case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: return .arn
            case .null: return .null
            }
        }

        /// The `…Not…` operators: true only when the request value matches none of the values.
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals,
                 .dateNotEquals, .notIpAddress, .arnNotEquals, .arnNotLike: return true
            default: return false
            }
        }

        /// Policy variables are substituted only in string and ARN operators' values.
        public var acceptsPolicyVariables: Bool { family == .string || family == .arn }
    }

    public let quantifier: Quantifier
    public let base: Base
    public let ifExists: Bool

    public init(quantifier: Quantifier = .none, base: Base, ifExists: Bool = false) {
        self.quantifier = quantifier
        self.base = base
        self.ifExists = ifExists
    }

    /// The canonical name, e.g. `ForAllValues:StringLikeIfExists`.
    public var name: String {
        (quantifier == .none ? "" : quantifier.rawValue + ":") + base.rawValue + (ifExists ? "IfExists" : "")
    }

    public var description: String { name }

    public static func parse(_ name: String) -> Result<ConditionOperator, ConditionOperatorError> {
        var rest = Substring(name)
        var quantifier = Quantifier.none
        if let colon = rest.firstIndex(of: ":") {
            let prefix = String(rest[..<colon])
            guard let q = Quantifier(rawValue: prefix), q != .none else {
                let suggestion = closest(to: prefix, among: ["ForAnyValue", "ForAllValues"])
                return .failure(.unknownPrefix(name: name, prefix: prefix, suggestion: suggestion))
            }
            quantifier = q
            rest = rest[rest.index(after: colon)...]
        }
        var ifExists = false
        var baseName = String(rest)
        if baseName.hasSuffix("IfExists") {
            ifExists = true
            baseName = String(baseName.dropLast("IfExists".count))
        }
        guard let base = Base(rawValue: baseName) else {
            let known = Base.allCases.map(\.rawValue) + Base.allCases.filter { $0 != .null }.map { $0.rawValue + "IfExists" }
            let suggestion = closest(to: String(rest), among: known).map {
                (quantifier == .none ? "" : quantifier.rawValue + ":") + $0
            }
            return .failure(.unknownOperator(name: name, suggestion: suggestion))
        }
        if base == .null && ifExists {
            return .failure(.nullWithIfExists(name: name))
        }
        return .success(ConditionOperator(quantifier: quantifier, base: base, ifExists: ifExists))
    }

    /// A case-insensitive exact match first, then the nearest name by edit distance when it is
    /// close enough to be a typo.
    static func closest(to text: String, among candidates: [String]) -> String? {
        let lower = text.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lower }) { return exact }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lower, candidate.lowercased())
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best, distance <= max(2, candidate.count / 4) else { return nil }
        return candidate
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

public enum ConditionOperatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an operator IAM knows; `suggestion` is the likely intended name.
    case unknownOperator(name: String, suggestion: String?)
    /// `NullIfExists` (with or without a prefix): IAM has no such operator.
    case nullWithIfExists(name: String)
    /// A prefix before `:` other than `ForAnyValue` / `ForAllValues`.
    case unknownPrefix(name: String, prefix: String, suggestion: String?)

    public var message: String {
        switch self {
        case .unknownOperator(let name, let suggestion):
            let hint = suggestion.map { "did you mean `\($0)`?" } ?? "see the list of IAM condition operators"
            return "unknown condition operator `\(name)`: \(hint)"
        case .nullWithIfExists(let name):
            return "`\(name)` is not a condition operator: `Null` already tests whether the key exists, so it takes no `IfExists`; use `Null`"
        case .unknownPrefix(let name, let prefix, let suggestion):
            let hint = suggestion.map { "did you mean `\($0)`?" } ?? "use `ForAnyValue:` or `ForAllValues:`"
            return "unknown set operator `\(prefix)` in `\(name)`: \(hint)"
        }
    }

    public var description: String { message }
}
