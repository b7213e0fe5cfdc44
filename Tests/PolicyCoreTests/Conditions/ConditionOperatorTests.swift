import Testing
@testable import PolicyCore

@Suite struct ConditionOperatorTests {
    @Test(arguments: ConditionOperator.Base.allCases)
    func parsesEveryBaseOperator(base: ConditionOperator.Base) throws {
        let plain = try ConditionOperator.parse(base.rawValue).get()
        #expect(plain == ConditionOperator(base: base))
        for prefix in ["ForAnyValue:", "ForAllValues:"] {
            let qualified = try ConditionOperator.parse(prefix + base.rawValue).get()
            #expect(qualified.base == base)
            #expect(qualified.name == prefix + base.rawValue)
        }
        if base != .null {
            let ifExists = try ConditionOperator.parse(base.rawValue + "IfExists").get()
            #expect(ifExists.ifExists && ifExists.base == base)
        }
    }

    @Test func parsesQuantifierAndIfExistsTogether() throws {
        let op = try ConditionOperator.parse("ForAllValues:StringLikeIfExists").get()
        #expect(op.quantifier == .forAllValues && op.base == .stringLike && op.ifExists)
    }

    @Test func negatedOperators() {
        let negated = ConditionOperator.Base.allCases.filter(\.isNegated).map(\.rawValue)
        #expect(Set(negated) == ["StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals",
                                 "DateNotEquals", "NotIpAddress", "ArnNotEquals", "ArnNotLike"])
    }

    @Test func namesAreCaseSensitiveWithSuggestion() {
        guard case .failure(.unknownOperator(let name, let suggestion)) = ConditionOperator.parse("stringEquals") else {
            Issue.record("expected an unknown operator"); return
        }
        #expect(name == "stringEquals")
        #expect(suggestion == "StringEquals")
    }

    @Test func typoGetsClosestName() {
        guard case .failure(let error) = ConditionOperator.parse("ForAnyValue:StringEqual") else {
            Issue.record("expected an error"); return
        }
        #expect(error == .unknownOperator(name: "ForAnyValue:StringEqual", suggestion: "ForAnyValue:StringEquals"))
        #expect(error.message == "unknown condition operator `ForAnyValue:StringEqual`: did you mean `ForAnyValue:StringEquals`?")
        guard case .failure(.unknownOperator(_, let s2)) = ConditionOperator.parse("IpAdressIfExists") else {
            Issue.record("expected an error"); return
        }
        #expect(s2 == "IpAddressIfExists")
        guard case .failure(.unknownOperator(_, let none)) = ConditionOperator.parse("Whatever") else {
            Issue.record("expected an error"); return
        }
        #expect(none == nil)
    }

    @Test func nullTakesNoIfExists() {
        #expect(ConditionOperator.parse("NullIfExists") == .failure(.nullWithIfExists(name: "NullIfExists")))
        #expect(ConditionOperator.parse("ForAnyValue:NullIfExists") == .failure(.nullWithIfExists(name: "ForAnyValue:NullIfExists")))
    }

    @Test func unknownPrefix() {
        #expect(ConditionOperator.parse("ForAnyValues:StringLike")
            == .failure(.unknownPrefix(name: "ForAnyValues:StringLike", prefix: "ForAnyValues", suggestion: "ForAnyValue")))
        #expect(ConditionOperator.parse("forallvalues:StringLike")
            == .failure(.unknownPrefix(name: "forallvalues:StringLike", prefix: "forallvalues", suggestion: "ForAllValues")))
        guard case .failure(let error) = ConditionOperator.parse("Foo:StringLike") else {
            Issue.record("expected an error"); return
        }
        #expect(error.message == "unknown set operator `Foo` in `Foo:StringLike`: use `ForAnyValue:` or `ForAllValues:`")
    }

    @Test func emptyAndOddNames() {
        for name in ["", "IfExists", ":StringEquals", "StringEquals ", "ForAnyValue:"] {
            guard case .failure = ConditionOperator.parse(name) else {
                Issue.record("`\(name)` should not parse"); continue
            }
        }
    }
}
