/// Rules on `Condition` blocks: operators IAM does not know (an unknown operator must never
/// quietly be "no match": in a Deny that fails open), and values that cannot mean what they say.
extension LintContext {
    mutating func checkConditions() {
        for statement in policy.statements {
            // Conditions come flattened, one per key: judge each operator once.
            var lastOperatorOffset = -1
            var parsed: Result<ConditionOperator, ConditionOperatorError>?
            for condition in statement.conditions {
                let name = condition.operatorName
                if name.range.start.offset != lastOperatorOffset || name.range == .unknown {
                    lastOperatorOffset = name.range.start.offset
                    parsed = ConditionOperator.parseForLint(name.value)
                    if case .failure(let problem) = parsed { reportOperator(name, problem) }
                }
                if case .success(let op) = parsed { checkExactMatchValues(condition, op) }
            }
        }
    }

    private mutating func reportOperator(_ name: Located<String>, _ problem: ConditionOperatorError) {
        switch problem {
        case .nullWithIfExists:
            report(
                .error, "null-with-ifexists",
                "`\(name.value)` is not a condition operator: `Null` already tests whether the key exists",
                at: name.range, help: "write `Null`")
        case .unknownOperator(_, let suggestion):
            report(
                .error, "unknown-condition-operator", "`\(name.value)` is not a condition operator", at: name.range,
                help: suggestion.map { "did you mean `\($0)`? (operator names are case-sensitive)" }
                    ?? "use an IAM operator such as `StringEquals`, `StringLike`, `ArnLike` or `IpAddress`")
        case .unknownPrefix(_, let prefix, let suggestion):
            report(
                .error, "unknown-condition-operator", "`\(prefix)` in `\(name.value)` is not `ForAnyValue` or `ForAllValues`",
                at: name.range, help: suggestion.map { "did you mean `\($0)`?" } ?? "use `ForAnyValue:` or `ForAllValues:`")
        }
    }

    private mutating func checkExactMatchValues(_ condition: Condition, _ op: ConditionOperator) {
        for value in condition.values where Self.hasWildcard(value.value) && !holdsPlaceholder(value) {
            guard let like = op.likeForm else { return }
            report(
                .warning, "wildcard-in-exact-match",
                "`\(condition.operatorName.value)` compares `\(value.value)` literally: its `*` or `?` is not a wildcard",
                at: value.range, help: "use `\(like)` to match a pattern")
        }
    }

    /// `*` or `?` outside the `${*}` and `${?}` escapes.
    private static func hasWildcard(_ text: String) -> Bool {
        var beforePrevious: UInt8 = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") {
                let escaped = beforePrevious == UInt8(ascii: "$") && previous == UInt8(ascii: "{")
                if !escaped { return true }
            }
            (beforePrevious, previous) = (previous, byte)
        }
        return false
    }

    /// Whether the statement's conditions restrict who can use it: some positive test on a value
    /// that is not just a wildcard.
    func narrowsPrincipals(_ statement: Statement) -> Bool {
        statement.conditions.contains { condition in
            guard case .success(let op) = ConditionOperator.parseForLint(condition.operatorName.value), op.canNarrowPrincipals
            else { return false }
            return condition.values.contains { value in value.value.contains { $0 != "*" } }
        }
    }
}
