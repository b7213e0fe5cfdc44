/// A condition operator name split into its parts, as far as the linter needs it. Stands in until
/// the evaluator's `ConditionOperator.parse` is available on main; then this file goes.
struct OperatorName: Hashable, Sendable {
    static let bases = [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike",
        "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
        "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan",
        "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress",
        "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    ]
    static let quantifiers = ["ForAnyValue", "ForAllValues"]
    /// Every name IAM accepts without a quantifier, for did-you-mean.
    static let allNames = bases + bases.filter { $0 != "Null" }.map { $0 + "IfExists" }

    enum Problem: Error, Hashable, Sendable {
        case unknown(suggestion: String?)
        case unknownQuantifier(String, suggestion: String?)
        case nullWithIfExists
    }

    var quantifier: String?
    var base: String
    var ifExists: Bool

    /// For an exact-match string or ARN operator, its pattern-matching counterpart with the same
    /// quantifier and `IfExists` (`StringEquals` → `StringLike`); nil for the others.
    var likeForm: String? {
        let likeBase: String? =
            switch base {
            case "StringEquals", "StringEqualsIgnoreCase": "StringLike"
            case "StringNotEquals", "StringNotEqualsIgnoreCase": "StringNotLike"
            case "ArnEquals": "ArnLike"
            case "ArnNotEquals": "ArnNotLike"
            default: nil
            }
        return likeBase.map { (quantifier.map { $0 + ":" } ?? "") + $0 + (ifExists ? "IfExists" : "") }
    }

    /// The `…Not…` operators: satisfied when the request value matches none of the values.
    var isNegated: Bool { base.contains("Not") }

    /// Every valid name, parsed once: a policy repeats the same few operators, and one hash lookup
    /// beats taking each name apart again.
    private static let valid: [String: OperatorName] = {
        var table: [String: OperatorName] = [:]
        for quantifier in [nil] + quantifiers.map(Optional.some) {
            for base in bases {
                for ifExists in base == "Null" ? [false] : [false, true] {
                    let name = (quantifier.map { $0 + ":" } ?? "") + base + (ifExists ? "IfExists" : "")
                    table[name] = OperatorName(quantifier: quantifier, base: base, ifExists: ifExists)
                }
            }
        }
        return table
    }()

    /// Operator names are case-sensitive (IAM answers "Invalid Condition type" to `stringEquals`).
    static func parse(_ name: String) -> Result<OperatorName, Problem> {
        if let known = valid[name] { return .success(known) }
        var rest = Substring(name)
        var quantifier: String?
        if let colon = rest.firstIndex(of: ":") {
            let prefix = String(rest[..<colon])
            guard quantifiers.contains(prefix) else {
                return .failure(.unknownQuantifier(prefix, suggestion: ClosestMatch.find(prefix, in: quantifiers)))
            }
            quantifier = prefix
            rest = rest[rest.index(after: colon)...]
        }
        var base = String(rest)
        let ifExists = base.hasSuffix("IfExists")
        if ifExists { base.removeLast("IfExists".count) }
        guard bases.contains(base) else {
            let guess = allNames.first { $0.lowercased() == rest.lowercased() } ?? ClosestMatch.find(String(rest), in: allNames)
            return .failure(.unknown(suggestion: guess.map { (quantifier.map { $0 + ":" } ?? "") + $0 }))
        }
        if base == "Null" && ifExists { return .failure(.nullWithIfExists) }
        return .success(OperatorName(quantifier: quantifier, base: base, ifExists: ifExists))
    }
}
