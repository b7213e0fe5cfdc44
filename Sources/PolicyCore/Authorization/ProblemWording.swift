/// Words a principal problem for the learner, at the exact place in the file.
enum PrincipalProblemWording {
    static func finding(_ problem: PrincipalPattern.Problem, entry: PrincipalEntry) -> Finding {
        let text = entry.value.value
        let range = entry.value.range
        switch problem {
        case .placeholder(let placeholder):
            return Finding(
                .error, "placeholder", "`\(placeholder)` is a placeholder left in the policy",
                at: rangeInside(range, of: text, at: placeholder),
                help: Placeholder.advice(for: placeholder))
        case .partialWildcard:
            return Finding(
                .error, "wildcard-in-principal", "`\(text)` uses a wildcard inside a principal",
                at: range,
                help: "a principal is `\"*\"` (everyone) or one exact account, user or role: name it exactly, or use `\"*\"` with a condition such as `aws:PrincipalArn`")
        case .invalidAccountID(let account):
            return Finding(
                .error, "invalid-account-id", "`\(account)` is not an AWS account id", at: range,
                help: "an account id is exactly 12 digits, e.g. `111122223333`")
        case .malformedARN:
            return Finding(
                .error, "invalid-principal", "`\(text)` is not a principal ARN", at: range,
                help: "write `arn:aws:iam::ACCOUNT_ID:user/NAME`, `arn:aws:iam::ACCOUNT_ID:role/NAME` or `arn:aws:iam::ACCOUNT_ID:root`")
        case .emptyValue:
            return Finding(
                .error, "invalid-principal", "a principal is empty", at: range,
                help: "name an account, user or role, or remove the entry")
        }
    }

    /// The range of `part` inside a JSON string literal written at `range`. Escapes before it would
    /// shift columns, so it falls back to the whole string when the source had any.
    static func rangeInside(_ range: SourceRange, of text: String, at part: String) -> SourceRange {
        guard let found = text.range(of: part), range.end.line == range.start.line else { return range }
        let literalLength = range.end.column - range.start.column - 2
        guard literalLength == text.unicodeScalars.count else { return range }
        let before = text.unicodeScalars.distance(from: text.startIndex, to: found.lowerBound)
        let length = part.unicodeScalars.count
        let startOffset = range.start.offset + 1 + text[..<found.lowerBound].utf8.count
        let start = SourcePosition(offset: startOffset, line: range.start.line, column: range.start.column + 1 + before)
        let end = SourcePosition(offset: startOffset + part.utf8.count, line: range.start.line, column: start.column + length)
        return SourceRange(start: start, end: end)
    }
}

extension Placeholder {
    /// What to put in place of a placeholder, in the workshop's terms.
    public static func advice(for placeholder: String) -> String {
        let inner = placeholder.uppercased()
        if inner.contains("ACCOUNT") {
            return "replace it with your 12-digit AWS account id, e.g. `111122223333` (`ecrlab config account` sets yours)"
        }
        if inner.contains("REGION") { return "replace it with your region, e.g. `us-east-1`" }
        if inner.contains("REPO") { return "replace it with the repository name, e.g. `fcj-workshop-app`" }
        if inner.contains("USER") { return "replace it with the IAM user's name, e.g. `fcj-ecr-ci-cd-user`" }
        return "replace it, brackets included, with the value it describes"
    }
}

/// Words a condition operator that cannot be used.
enum ConditionOperatorWording {
    static func finding(_ error: ConditionOperatorError, name: Located<String>) -> Finding {
        switch error {
        case .nullWithIfExists(_):
            return Finding(
                .error, "null-with-ifexists", "`\(name.value)` is not allowed: `Null` takes no `IfExists`", at: name.range,
                help: "use `Null` alone: it already tests whether the key exists")
        case .unknownOperator(_, let suggestion), .unknownPrefix(_, _, let suggestion):
            return Finding(
                .error, "unknown-condition-operator", "`\(name.value)` is not a condition operator", at: name.range,
                help: suggestion.map { "did you mean `\($0)`? (an unknown operator makes AWS reject the policy)" }
                    ?? "use an operator such as `StringEquals`, `ArnLike` or `IpAddress`")
        }
    }
}
