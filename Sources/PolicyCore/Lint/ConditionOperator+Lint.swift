extension ConditionOperator {
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
