/// A policy value the operator cannot use, found while compiling a condition.
public struct ConditionValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Index of the value in the policy's list; nil when the problem is not one value's.
    public let valueIndex: Int?
    public let message: String

    public init(valueIndex: Int?, message: String) {
        self.valueIndex = valueIndex
        self.message = message
    }

    public var description: String { message }
}

/// Every problem found in one condition's values.
public struct ConditionValueErrors: Error, Sendable, Hashable {
    public let errors: [ConditionValueError]
}

/// One `operator: { key: [values] }` entry of a Condition block, compiled once (patterns,
/// CIDRs, dates and numbers pre-parsed) and evaluated against many requests.
///
/// Evaluation rules (IAM User Guide: "Condition operators", "Conditions with multiple context
/// keys or values", "Single-valued vs. multivalued context keys"):
/// - Several policy values for the key are OR-ed; for a negated operator (`…Not…`,
///   `NotIpAddress`) they are NOR-ed: the request value must match none of them.
/// - Key absent (or present with no values): positive operator → false, negated → true,
///   `…IfExists` → true, `ForAllValues:` → true, `ForAnyValue:` → false (IfExists → true).
///   `Null` is true when its value (`true` / `false`) says whether the key is absent.
/// - `ForAllValues:` — every request value satisfies the operator; `ForAnyValue:` — at least
///   one does. "Satisfies" is the per-value rule above, negation included, so
///   `ForAllValues:StringNotEquals` means no request value equals any policy value and
///   `ForAnyValue:StringNotEquals` means some request value equals none of them.
/// - A key with several request values under an operator with no set prefix matches nothing,
///   negated and IfExists operators included: AWS documents that multivalued keys require a
///   set operator, and a bare operator against a multi-value request evaluates false (observed
///   on aws:CalledVia; the same rule is implemented by other IAM simulators).
/// - A policy value whose variable cannot be resolved (no value, no default) matches nothing;
///   under a negated operator it makes the condition false, as AWS treats the statement as not
///   applying rather than as trivially satisfied.
/// - A request value the operator cannot read (a non-number for Numeric…, a bad address for
///   IpAddress…) matches no policy value.
public struct CompiledCondition: Sendable {
    public let conditionOperator: ConditionOperator
    /// The key as written in the policy.
    public let key: String
    /// The policy values as written.
    public let values: [String]

    let lowercasedKey: String
    let compiled: [CompiledValue]

    enum CompiledValue: Sendable {
        case exact([UInt8])
        case folded([UInt8])
        case glob(WildcardPattern)
        case arn(ARNPattern)
        case template(PolicyVariableTemplate)
        case number(ExactDecimal)
        case instant(Instant)
        case bool(Bool)
        case bytes([UInt8])
        case ipRange(IPAddressRange)
        case null(Bool)
    }

    /// Builds the condition, or every value error at once. `allowVariables` is true only for
    /// Version 2012-10-17 policies; otherwise `${…}` is plain text.
    public static func compile(
        operator op: ConditionOperator, key: String, values: [String], allowVariables: Bool
    ) -> Result<CompiledCondition, ConditionValueErrors> {
        var compiled: [CompiledValue] = []
        var errors: [ConditionValueError] = []
        if values.isEmpty {
            errors.append(.init(valueIndex: nil, message: "condition `\(op.name)` on `\(key)` has no values; give at least one"))
        }
        for (index, value) in values.enumerated() {
            switch compileValue(value, operator: op, allowVariables: allowVariables) {
            case .success(let v): compiled.append(v)
            case .failure(let message): errors.append(.init(valueIndex: index, message: message.text))
            }
        }
        if !errors.isEmpty { return .failure(ConditionValueErrors(errors: errors)) }
        return .success(CompiledCondition(conditionOperator: op, key: key, values: values,
                                          lowercasedKey: key.lowercased(), compiled: compiled))
    }

    private struct Message: Error { let text: String }

    private static func compileValue(
        _ value: String, operator op: ConditionOperator, allowVariables: Bool
    ) -> Result<CompiledValue, Message> {
        let base = op.base
        let template = allowVariables && (base.acceptsPolicyVariables || base == .bool) && value.hasVariableOpening
            ? PolicyVariableTemplate(value) : nil
        if let template, template.hasVariables {
            return .success(.template(template))
        }
        switch base.family {
        case .string, .arn:
            // Without variables a template only carries escapes: resolve them now.
            let tokens = template?.resolveTokens { _ in nil } ?? WildcardPattern.tokens(value)
            let text = template?.resolve { _ in nil } ?? value
            switch base {
            case .stringEquals, .stringNotEquals: return .success(.exact(Array(text.utf8)))
            case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase:
                return .success(.folded(Array(text.foldedForComparison().utf8)))
            case .stringLike, .stringNotLike: return .success(.glob(WildcardPattern(tokens: tokens, caseSensitive: true)))
            default: return .success(.arn(ARNPattern(tokens: tokens)))
            }
        case .numeric:
            guard let number = ExactDecimal(value) else {
                return .failure(Message(text: "`\(value)` is not a number; `\(op.name)` compares numbers such as `10` or `2.5`"))
            }
            return .success(.number(number))
        case .date:
            guard let instant = Instant(value) else {
                return .failure(Message(text: "`\(value)` is not a date; write ISO 8601 such as `2024-01-31T12:00:00Z` or epoch seconds"))
            }
            return .success(.instant(instant))
        case .bool:
            guard let flag = BooleanText.parse(template?.resolve { _ in nil } ?? value) else {
                return .failure(Message(text: "`\(value)` is not a boolean; `Bool` takes `true` or `false`"))
            }
            return .success(.bool(flag))
        case .binary:
            guard let bytes = Base64Text.decode(value) else {
                return .failure(Message(text: "`\(value)` is not base64; `BinaryEquals` compares base64-encoded values"))
            }
            return .success(.bytes(bytes))
        case .ipAddress:
            guard let range = IPAddressRange(value) else {
                return .failure(Message(text: "`\(value)` is not an IP address or CIDR block; write e.g. `203.0.113.0/24` or `2001:db8::/32`"))
            }
            return .success(.ipRange(range))
        case .null:
            guard let flag = BooleanText.parse(value) else {
                return .failure(Message(text: "`\(value)` is not valid for `Null`; use `true` (key absent) or `false` (key present)"))
            }
            return .success(.null(flag))
        }
    }

    /// True when the request satisfies this condition.
    public func evaluate(in context: RequestContext) -> Bool {
        let requestValues = context.values(forLowercasedKey: lowercasedKey) ?? []
        let present = !requestValues.isEmpty
        let op = conditionOperator
        if op.base == .null {
            for case .null(let wantsAbsent) in compiled where wantsAbsent == !present { return true }
            return false
        }
        if !present {
            if op.ifExists { return true }
            switch op.quantifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case .none: return op.base.isNegated
            }
        }
        switch op.quantifier {
        case .forAllValues:
            return requestValues.allSatisfy { satisfies($0, context) }
        case .forAnyValue:
            return requestValues.contains { satisfies($0, context) }
        case .none:
            guard requestValues.count == 1 else { return false }
            return satisfies(requestValues[0], context)
        }
    }

    /// The operator's verdict for one request value: any policy value matches (positive), or
    /// none does (negated).
    func satisfies(_ requestValue: String, _ context: RequestContext) -> Bool {
        let request = RequestValue(requestValue, base: conditionOperator.base)
        var anyMatch = false
        var unresolved = false
        for value in compiled {
            switch matches(value, request, context) {
            case .some(true): anyMatch = true
            case .some(false): break
            case .none: unresolved = true
            }
            if anyMatch { break }
        }
        if conditionOperator.base.isNegated { return !anyMatch && !unresolved }
        return anyMatch
    }

    /// Nil when the policy value holds a variable that cannot be resolved.
    private func matches(_ value: CompiledValue, _ request: RequestValue, _ context: RequestContext) -> Bool? {
        let base = conditionOperator.base
        switch value {
        case .exact(let bytes):
            return request.text.utf8Equals(bytes)
        case .folded(let bytes):
            return request.folded.utf8Equals(bytes)
        case .glob(let pattern):
            return pattern.matches(request.text)
        case .arn(let pattern):
            return pattern.matches(request.text)
        case .template(let template):
            switch base.family {
            case .string where base == .stringLike || base == .stringNotLike:
                guard let tokens = template.resolveTokens(in: context) else { return nil }
                return WildcardPattern(tokens: tokens, caseSensitive: true).matches(request.text)
            case .arn:
                guard let tokens = template.resolveTokens(in: context) else { return nil }
                return ARNPattern(tokens: tokens).matches(request.text)
            case .bool:
                guard let text = template.resolve(in: context) else { return nil }
                guard let flag = BooleanText.parse(text), let requestFlag = request.bool else { return false }
                return flag == requestFlag
            default:
                guard let text = template.resolve(in: context) else { return nil }
                if base == .stringEqualsIgnoreCase || base == .stringNotEqualsIgnoreCase {
                    return request.folded == text.foldedForComparison()
                }
                return request.text.utf8.elementsEqual(text.utf8)
            }
        case .number(let policyNumber):
            guard let number = request.number else { return false }
            switch base {
            case .numericEquals, .numericNotEquals: return number == policyNumber
            case .numericLessThan: return number < policyNumber
            case .numericLessThanEquals: return number <= policyNumber
            case .numericGreaterThan: return number > policyNumber
            default: return number >= policyNumber
            }
        case .instant(let policyInstant):
            guard let instant = request.instant else { return false }
            switch base {
            case .dateEquals, .dateNotEquals: return instant == policyInstant
            case .dateLessThan: return instant < policyInstant
            case .dateLessThanEquals: return instant <= policyInstant
            case .dateGreaterThan: return instant > policyInstant
            default: return instant >= policyInstant
            }
        case .bool(let flag):
            guard let requestFlag = request.bool else { return false }
            return flag == requestFlag
        case .bytes(let bytes):
            // Compared as decoded bytes so that padding differences do not matter.
            guard let requestBytes = request.bytes else { return false }
            return requestBytes == bytes
        case .ipRange(let range):
            guard let address = request.address else { return false }
            return range.contains(address)
        case .null:
            return false
        }
    }
}

/// A request value parsed once for the operator's family, whatever the number of policy values.
private struct RequestValue {
    let text: String
    let folded: String
    let number: ExactDecimal?
    let instant: Instant?
    let bool: Bool?
    let bytes: [UInt8]?
    let address: IPAddress?

    init(_ text: String, base: ConditionOperator.Base) {
        let family = base.family
        self.text = text
        folded = base == .stringEqualsIgnoreCase || base == .stringNotEqualsIgnoreCase ? text.foldedForComparison() : ""
        number = family == .numeric ? ExactDecimal(text) : nil
        instant = family == .date ? Instant(text) : nil
        bool = family == .bool ? BooleanText.parse(text) : nil
        bytes = family == .binary ? Base64Text.decode(text) : nil
        address = family == .ipAddress ? IPAddress(text) : nil
    }
}

/// The Condition element of one statement: every entry must hold (AND).
public struct ConditionBlock: Sendable {
    public let conditions: [CompiledCondition]

    public init(_ conditions: [CompiledCondition]) { self.conditions = conditions }

    public func evaluate(in context: RequestContext) -> Bool {
        conditions.allSatisfy { $0.evaluate(in: context) }
    }

    /// The first condition that does not hold, for explanations.
    public func firstFailing(in context: RequestContext) -> CompiledCondition? {
        conditions.first { !$0.evaluate(in: context) }
    }
}
