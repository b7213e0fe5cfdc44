import Testing
@testable import PolicyCore

@Suite struct ConditionVariableTests {
    let alice = request(["aws:username": ["alice"], "s3:prefix": ["home/alice/docs"], "aws:PrincipalTag/team": ["web"]])

    @Test func variablesResolveFromTheRequest() throws {
        let c = try condition("StringLike", "s3:prefix", ["home/${aws:username}/*"])
        #expect(c.evaluate(in: alice))
        #expect(!c.evaluate(in: alice.merging("aws:username", ["bob"])))
    }

    @Test func withoutVariablesSupportTheTextIsLiteral() throws {
        let c = try condition("StringEquals", "s3:prefix", ["home/${aws:username}"], variables: false)
        #expect(c.evaluate(in: request("s3:prefix", "home/${aws:username}")))
        #expect(!c.evaluate(in: request(["s3:prefix": ["home/alice"], "aws:username": ["alice"]])))
    }

    @Test func missingVariableMakesPositiveConditionFalse() throws {
        let c = try condition("StringEquals", "aws:PrincipalTag/team", ["${aws:PrincipalTag/owner}"])
        #expect(!c.evaluate(in: alice))
    }

    @Test func missingVariableMakesNegatedConditionFalse() throws {
        let c = try condition("StringNotEquals", "aws:PrincipalTag/team", ["${aws:PrincipalTag/owner}"])
        #expect(!c.evaluate(in: alice))
        // Other values are still OR-ed for a positive operator.
        let p = try condition("StringEquals", "aws:PrincipalTag/team", ["${aws:PrincipalTag/owner}", "web"])
        #expect(p.evaluate(in: alice))
    }

    @Test func defaultValueApplies() throws {
        let c = try condition("StringEquals", "aws:PrincipalTag/team", ["${aws:PrincipalTag/owner, 'web'}"])
        #expect(c.evaluate(in: alice))
    }

    @Test func ignoreCaseWithVariable() throws {
        let c = try condition("StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["${aws:username}"])
        #expect(c.evaluate(in: request(["aws:username": ["WEB"], "aws:PrincipalTag/team": ["web"]])))
    }

    @Test func escapesInStringLike() throws {
        let c = try condition("StringLike", "k", ["a${*}*"])
        #expect(c.evaluate(in: request("k", "a*anything")))
        #expect(!c.evaluate(in: request("k", "abc")))
        let e = try condition("StringEquals", "k", ["cost${$}"])
        #expect(e.evaluate(in: request("k", "cost$")))
    }

    @Test func substitutedWildcardsAreLiteral() throws {
        let c = try condition("StringLike", "k", ["${aws:username}/*"])
        #expect(c.evaluate(in: request(["aws:username": ["*"], "k": ["*/x"]])))
        #expect(!c.evaluate(in: request(["aws:username": ["*"], "k": ["alice/x"]])))
    }

    @Test func arnLikeWithVariable() throws {
        let c = try condition("ArnLike", "aws:PrincipalArn", ["arn:aws:iam::${aws:PrincipalAccount}:role/*"])
        #expect(c.evaluate(in: request(["aws:PrincipalAccount": ["111122223333"], "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/ci"]])))
        #expect(!c.evaluate(in: request(["aws:PrincipalAccount": ["444455556666"], "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/ci"]])))
    }

    @Test func variablesInNumericValuesAreErrors() throws {
        #expect(try compileErrors("NumericEquals", "k", ["${aws:x}"]).count == 1)
        #expect(try compileErrors("IpAddress", "k", ["${aws:SourceIp}"]).count == 1)
    }
}

@Suite struct ConditionCompileErrorTests {
    @Test func everyBadValueIsReportedWithItsIndex() throws {
        let errors = try compileErrors("DateLessThan", "aws:CurrentTime", ["2024-01-01", "soon", "later"])
        #expect(errors.map(\.valueIndex) == [1, 2])
        #expect(errors.allSatisfy { $0.message.first?.isLowercase == true || $0.message.first == "`" })
    }

    @Test func noValuesIsAnError() throws {
        let errors = try compileErrors("StringEquals", "k", [])
        #expect(errors == [ConditionValueError(valueIndex: nil, message: "condition `StringEquals` on `k` has no values; give at least one")])
    }
}
