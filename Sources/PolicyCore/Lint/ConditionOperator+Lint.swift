extension ConditionOperator {
    /// Every valid operator name, parsed once: a policy repeats the same few operators, and one
    /// dictionary lookup is cheaper than parsing the name again. Unknown names go to `parse`,
    /// which explains what is wrong with them.
    private static let validNames: [String: ConditionOperator] = {
        var table: [String: ConditionOperator] = [:]
        for quantifier in Quantifier.allCases {
            for base in Base.allCases {
                for ifExists in base == .null ? [false] : [false, true] {
                    let op = ConditionOperator(quantifier: quantifier, base: base, ifExists: ifExists)
                    table[op.name] = op
                }
            }
        }
        return table
    }()

    static func parseForLint(_ name: String) -> Result<ConditionOperator, ConditionOperatorError> {
        if let known = validNames[name] { return .success(known) }
        return parse(name)
    }

    /// For an exact-match string or ARN operator, its pattern-matching counterpart with the same
    /// quantifier and `IfExists` (`StringEquals` → `StringLike`); nil for the others.
    var likeForm: String? {
        let likeBase: Base? =
            switch base {
            case .stringEquals, .stringEqualsIgnoreCase: .stringLike
            case .stringNotEquals, .stringNotEqualsIgnoreCase: .stringNotLike
            case .arnEquals: .arnLike
            case .arnNotEquals: .arnNotLike
            default: nil
            }
        return likeBase.map { ConditionOperator(quantifier: quantifier, base: $0, ifExists: ifExists).name }
    }

    /// Whether a condition with this operator can keep out a caller the principal lets in: a
    /// positive test. A `…Not…` test, `Null`, `Bool` or `…IfExists` still lets an anonymous
    /// caller through, so it does not narrow `"*"`.
    var canNarrowPrincipals: Bool {
        !base.isNegated && !ifExists && base != .null && base != .bool
    }
}
