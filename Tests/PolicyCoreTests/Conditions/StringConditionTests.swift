import Testing
@testable import PolicyCore

@Suite struct StringConditionTests {
    @Test func stringEqualsIsCaseSensitiveAndORsValues() throws {
        let c = try condition("StringEquals", "aws:username", ["alice", "bob"])
        #expect(c.evaluate(in: request("aws:username", "alice")))
        #expect(c.evaluate(in: request("aws:username", "bob")))
        #expect(!c.evaluate(in: request("aws:username", "Alice")))
        #expect(!c.evaluate(in: request("aws:username", "carol")))
    }

    @Test func stringEqualsTakesWildcardsLiterally() throws {
        let c = try condition("StringEquals", "s3:prefix", ["home/*"])
        #expect(c.evaluate(in: request("s3:prefix", "home/*")))
        #expect(!c.evaluate(in: request("s3:prefix", "home/alice")))
    }

    @Test func stringNotEqualsNeedsNoneToMatch() throws {
        let c = try condition("StringNotEquals", "aws:PrincipalTag/role", ["audit", "security"])
        #expect(!c.evaluate(in: request("aws:PrincipalTag/role", "audit")))
        #expect(!c.evaluate(in: request("aws:PrincipalTag/role", "security")))
        #expect(c.evaluate(in: request("aws:PrincipalTag/role", "dev")))
        #expect(c.evaluate(in: request("aws:PrincipalTag/role", "Audit")))
    }

    @Test func ignoreCaseVariants() throws {
        let eq = try condition("StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["Platform"])
        #expect(eq.evaluate(in: request("aws:PrincipalTag/team", "PLATFORM")))
        #expect(eq.evaluate(in: request("aws:PrincipalTag/team", "platform")))
        #expect(!eq.evaluate(in: request("aws:PrincipalTag/team", "platforms")))
        let ne = try condition("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", ["Platform", "ops"])
        #expect(!ne.evaluate(in: request("aws:PrincipalTag/team", "OPS")))
        #expect(ne.evaluate(in: request("aws:PrincipalTag/team", "dev")))
    }

    @Test func stringLikeWildcardsCaseSensitive() throws {
        let c = try condition("StringLike", "s3:prefix", ["home/*", "shared/?.txt"])
        #expect(c.evaluate(in: request("s3:prefix", "home/alice/notes")))
        #expect(c.evaluate(in: request("s3:prefix", "shared/a.txt")))
        #expect(!c.evaluate(in: request("s3:prefix", "shared/ab.txt")))
        #expect(!c.evaluate(in: request("s3:prefix", "Home/alice")))
        #expect(c.evaluate(in: request("s3:prefix", "home/")))
    }

    @Test func stringNotLike() throws {
        let c = try condition("StringNotLike", "aws:userid", ["AROA*:*", "AIDA*"])
        #expect(!c.evaluate(in: request("aws:userid", "AROAEXAMPLE:session")))
        #expect(!c.evaluate(in: request("aws:userid", "AIDAEXAMPLE")))
        #expect(c.evaluate(in: request("aws:userid", "123456789012")))
    }

    @Test func emptyStringValue() throws {
        let c = try condition("StringEquals", "k", [""])
        #expect(c.evaluate(in: request("k", "")))
        #expect(!c.evaluate(in: request("k", "x")))
    }

    @Test func unicodeIsComparedScalarByScalar() throws {
        // Precomposed é and e + combining accent are different strings to IAM.
        let c = try condition("StringEquals", "k", ["caf\u{E9}"])
        #expect(c.evaluate(in: request("k", "caf\u{E9}")))
        #expect(!c.evaluate(in: request("k", "cafe\u{301}")))
    }

    @Test func keyNameIsCaseInsensitive() throws {
        let c = try condition("StringEquals", "AWS:PrincipalAccount", ["123456789012"])
        #expect(c.evaluate(in: request("aws:principalaccount", "123456789012")))
    }
}
