import Testing
@testable import PolicyCore

@Suite struct BoolConditionTests {
    @Test func boolIsCaseInsensitive() throws {
        let c = try condition("Bool", "aws:SecureTransport", ["false"])
        #expect(c.evaluate(in: request("aws:SecureTransport", "false")))
        #expect(c.evaluate(in: request("aws:SecureTransport", "FALSE")))
        #expect(!c.evaluate(in: request("aws:SecureTransport", "true")))
        #expect(!c.evaluate(in: request("aws:SecureTransport", "maybe")))
        #expect(try condition("Bool", "k", ["True"]).evaluate(in: request("k", "true")))
    }

    @Test func nonBooleanPolicyValueIsAnError() throws {
        let errors = try compileErrors("Bool", "aws:SecureTransport", ["yes"])
        #expect(errors == [ConditionValueError(valueIndex: 0, message: "`yes` is not a boolean; `Bool` takes `true` or `false`")])
    }
}

@Suite struct BinaryConditionTests {
    @Test func comparesDecodedBytes() throws {
        let c = try condition("BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="])
        #expect(c.evaluate(in: request("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")))
        #expect(c.evaluate(in: request("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA")))
        #expect(!c.evaluate(in: request("key", "QmluYXJ5")))
        #expect(!c.evaluate(in: request("key", "not base64!")))
    }

    @Test func badBase64IsAnError() throws {
        #expect(try compileErrors("BinaryEquals", "k", ["abc$"]).count == 1)
        #expect(try compileErrors("BinaryEquals", "k", ["a"]).count == 1)
        #expect(try compileErrors("BinaryEquals", "k", ["YQ==="]).count == 1)
    }
}

@Suite struct IPConditionTests {
    @Test func ipAddressAndNegation() throws {
        let inRange = try condition("IpAddress", "aws:SourceIp", ["203.0.113.0/24", "2001:db8::/32"])
        #expect(inRange.evaluate(in: request("aws:SourceIp", "203.0.113.9")))
        #expect(inRange.evaluate(in: request("aws:SourceIp", "2001:db8::5")))
        #expect(!inRange.evaluate(in: request("aws:SourceIp", "198.51.100.1")))
        let outside = try condition("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "10.0.0.1"])
        #expect(!outside.evaluate(in: request("aws:SourceIp", "203.0.113.9")))
        #expect(!outside.evaluate(in: request("aws:SourceIp", "10.0.0.1")))
        #expect(outside.evaluate(in: request("aws:SourceIp", "10.0.0.2")))
    }

    @Test func unparseableRequestAddress() throws {
        #expect(!(try condition("IpAddress", "aws:SourceIp", ["0.0.0.0/0"]).evaluate(in: request("aws:SourceIp", "localhost"))))
        #expect(try condition("NotIpAddress", "aws:SourceIp", ["0.0.0.0/0"]).evaluate(in: request("aws:SourceIp", "localhost")))
    }

    @Test func badCIDRIsAnError() throws {
        let errors = try compileErrors("IpAddress", "aws:SourceIp", ["10.0.0.0/8", "10.0.0.0/40", "office"])
        #expect(errors.map(\.valueIndex) == [1, 2])
        #expect(errors.first?.message.hasPrefix("`10.0.0.0/40` is not an IP address or CIDR block") == true)
    }
}

@Suite struct ARNConditionTests {
    let source = request("aws:SourceArn", "arn:aws:codebuild:us-east-1:111122223333:project/build-app")

    @Test func arnEqualsAndLikeMatchPerField() throws {
        #expect(try condition("ArnEquals", "aws:SourceArn", ["arn:aws:codebuild:us-east-1:111122223333:project/build-app"]).evaluate(in: source))
        #expect(try condition("ArnLike", "aws:SourceArn", ["arn:aws:codebuild:*:111122223333:project/*"]).evaluate(in: source))
        #expect(try condition("ArnEquals", "aws:SourceArn", ["arn:aws:codebuild:us-east-?:111122223333:project/*"]).evaluate(in: source))
        #expect(!(try condition("ArnLike", "aws:SourceArn", ["arn:aws:codebuild:*:444455556666:project/*"]).evaluate(in: source)))
        #expect(!(try condition("ArnLike", "aws:SourceArn", ["arn:aws:codebuild:us-east-1:111122223333:Project/*"]).evaluate(in: source)))
    }

    @Test func negatedArnOperators() throws {
        let notLike = try condition("ArnNotLike", "aws:SourceArn", ["arn:aws:codebuild:*:111122223333:*", "arn:aws:s3:::x"])
        #expect(!notLike.evaluate(in: source))
        #expect(notLike.evaluate(in: request("aws:SourceArn", "arn:aws:codebuild:us-east-1:444455556666:project/x")))
        let notEquals = try condition("ArnNotEquals", "aws:SourceArn", ["arn:aws:codebuild:us-east-1:111122223333:project/build-app"])
        #expect(!notEquals.evaluate(in: source))
    }

    @Test func requestValueThatIsNotAnARN() throws {
        #expect(!(try condition("ArnLike", "aws:SourceArn", ["arn:aws:s3:::*"]).evaluate(in: request("aws:SourceArn", "bucket"))))
        #expect(try condition("ArnNotLike", "aws:SourceArn", ["arn:aws:s3:::*"]).evaluate(in: request("aws:SourceArn", "bucket")))
    }
}

@Suite struct NullConditionTests {
    @Test func nullTrueMeansAbsent() throws {
        let c = try condition("Null", "aws:TokenIssueTime", ["true"])
        #expect(c.evaluate(in: emptyRequest))
        #expect(c.evaluate(in: request(["aws:TokenIssueTime": []])))
        #expect(!c.evaluate(in: request("aws:TokenIssueTime", "2024-01-01T00:00:00Z")))
    }

    @Test func nullFalseMeansPresent() throws {
        let c = try condition("Null", "aws:TokenIssueTime", ["FALSE"])
        #expect(!c.evaluate(in: emptyRequest))
        #expect(c.evaluate(in: request("aws:TokenIssueTime", "2024-01-01T00:00:00Z")))
        #expect(c.evaluate(in: request("aws:TagKeys", "a", "b").merging("aws:TokenIssueTime", ["x"])))
    }

    @Test func nullValueMustBeBoolean() throws {
        let errors = try compileErrors("Null", "k", ["absent"])
        #expect(errors.first?.message == "`absent` is not valid for `Null`; use `true` (key absent) or `false` (key present)")
    }
}

extension RequestContext {
    func merging(_ key: String, _ values: [String]) -> RequestContext {
        var copy = self
        copy.set(key, values)
        return copy
    }
}
