import Testing
@testable import PolicyCore

/// One operator of each family, positive and negated, with a value that works for both.
private let families: [(positive: String, negated: String?, value: String)] = [
    ("StringEquals", "StringNotEquals", "x"),
    ("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "x"),
    ("StringLike", "StringNotLike", "x*"),
    ("NumericEquals", "NumericNotEquals", "1"),
    ("NumericLessThan", nil, "1"),
    ("DateEquals", "DateNotEquals", "2024-01-01"),
    ("DateGreaterThan", nil, "2024-01-01"),
    ("Bool", nil, "true"),
    ("BinaryEquals", nil, "eA=="),
    ("IpAddress", "NotIpAddress", "10.0.0.0/8"),
    ("ArnEquals", "ArnNotEquals", "arn:aws:s3:::x"),
    ("ArnLike", "ArnNotLike", "arn:aws:s3:::*"),
]

@Suite struct MissingKeyTests {
    @Test func positiveOperatorIsFalseWhenKeyMissing() throws {
        for family in families {
            #expect(!(try condition(family.positive, "k", [family.value]).evaluate(in: emptyRequest)), "\(family.positive)")
            #expect(!(try condition(family.positive, "k", [family.value]).evaluate(in: request(["k": []]))), "\(family.positive) empty")
        }
    }

    @Test func negatedOperatorIsTrueWhenKeyMissing() throws {
        for family in families {
            guard let negated = family.negated else { continue }
            #expect(try condition(negated, "k", [family.value]).evaluate(in: emptyRequest), "\(negated)")
        }
    }

    @Test func ifExistsIsTrueWhenKeyMissing() throws {
        for family in families {
            #expect(try condition(family.positive + "IfExists", "k", [family.value]).evaluate(in: emptyRequest), "\(family.positive)")
            if let negated = family.negated {
                #expect(try condition(negated + "IfExists", "k", [family.value]).evaluate(in: emptyRequest), "\(negated)")
            }
        }
    }

    @Test func ifExistsChecksThePresentValue() throws {
        let c = try condition("StringEqualsIfExists", "ec2:InstanceType", ["t3.micro"])
        #expect(c.evaluate(in: request("ec2:InstanceType", "t3.micro")))
        #expect(!c.evaluate(in: request("ec2:InstanceType", "m5.large")))
        let n = try condition("StringNotEqualsIfExists", "ec2:InstanceType", ["t3.micro"])
        #expect(!n.evaluate(in: request("ec2:InstanceType", "t3.micro")))
        #expect(n.evaluate(in: request("ec2:InstanceType", "m5.large")))
    }

    @Test func otherKeysDoNotCount() throws {
        let c = try condition("StringEquals", "aws:username", ["alice"])
        #expect(!c.evaluate(in: request("aws:userid", "alice")))
    }
}

@Suite struct SetOperatorTests {
    let tagKeys = "aws:TagKeys"

    @Test func forAllValuesNeedsEveryRequestValueInPolicy() throws {
        let c = try condition("ForAllValues:StringEquals", tagKeys, ["DataClass", "Owner"])
        #expect(c.evaluate(in: request(tagKeys, "DataClass")))
        #expect(c.evaluate(in: request(tagKeys, "DataClass", "Owner")))
        #expect(!c.evaluate(in: request(tagKeys, "DataClass", "Dept")))
        #expect(!c.evaluate(in: request(tagKeys, "Dept", "SIC")))
    }

    @Test func forAllValuesIsTrueWhenAbsentOrEmpty() throws {
        let c = try condition("ForAllValues:StringEquals", tagKeys, ["DataClass"])
        #expect(c.evaluate(in: emptyRequest))
        #expect(c.evaluate(in: request([tagKeys: []])))
    }

    @Test func forAnyValueNeedsOneRequestValueInPolicy() throws {
        let c = try condition("ForAnyValue:StringEquals", tagKeys, ["DataClass", "Owner"])
        #expect(c.evaluate(in: request(tagKeys, "DataClass", "Dept")))
        #expect(c.evaluate(in: request(tagKeys, "Owner")))
        #expect(!c.evaluate(in: request(tagKeys, "Dept", "SIC")))
    }

    @Test func forAnyValueIsFalseWhenAbsentOrEmpty() throws {
        let c = try condition("ForAnyValue:StringEquals", tagKeys, ["DataClass"])
        #expect(!c.evaluate(in: emptyRequest))
        #expect(!c.evaluate(in: request([tagKeys: []])))
        let negated = try condition("ForAnyValue:StringNotEquals", tagKeys, ["DataClass"])
        #expect(!negated.evaluate(in: emptyRequest))
    }

    @Test func forAllValuesWithNegatedOperator() throws {
        // No request value may equal any policy value.
        let c = try condition("ForAllValues:StringNotEquals", tagKeys, ["DataClass", "Owner"])
        #expect(c.evaluate(in: emptyRequest))
        #expect(c.evaluate(in: request(tagKeys, "Dept", "SIC")))
        #expect(!c.evaluate(in: request(tagKeys, "Dept", "Owner")))
        #expect(!c.evaluate(in: request(tagKeys, "DataClass", "Owner")))
    }

    @Test func forAnyValueWithNegatedOperator() throws {
        // At least one request value equals none of the policy values.
        let c = try condition("ForAnyValue:StringNotEquals", tagKeys, ["DataClass", "Owner"])
        #expect(c.evaluate(in: request(tagKeys, "DataClass", "Dept")))
        #expect(!c.evaluate(in: request(tagKeys, "DataClass", "Owner")))
        #expect(!c.evaluate(in: request(tagKeys, "Owner")))
    }

    @Test func forAnyValueStringLike() throws {
        let c = try condition("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"])
        #expect(c.evaluate(in: request("aws:PrincipalOrgPaths", "o-x/r-y/", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-2/")))
        #expect(!c.evaluate(in: request("aws:PrincipalOrgPaths", "o-x/r-y/")))
    }

    @Test func setOperatorsOnASingleValue() throws {
        #expect(try condition("ForAllValues:StringEquals", "k", ["a"]).evaluate(in: request("k", "a")))
        #expect(!(try condition("ForAllValues:StringEquals", "k", ["a"]).evaluate(in: request("k", "b"))))
        #expect(try condition("ForAnyValue:StringEquals", "k", ["a"]).evaluate(in: request("k", "a")))
    }

    @Test func forAnyValueIfExistsIsTrueWhenAbsent() throws {
        #expect(try condition("ForAnyValue:StringEqualsIfExists", tagKeys, ["a"]).evaluate(in: emptyRequest))
    }

    @Test func numericAndIPWithSetOperators() throws {
        let n = try condition("ForAllValues:NumericLessThan", "k", ["10"])
        #expect(n.evaluate(in: request("k", "1", "9")))
        #expect(!n.evaluate(in: request("k", "1", "10")))
        let ip = try condition("ForAnyValue:IpAddress", "k", ["10.0.0.0/8"])
        #expect(ip.evaluate(in: request("k", "192.0.2.1", "10.1.1.1")))
    }
}

@Suite struct MultivaluedKeyWithoutSetOperatorTests {
    // AWS: multivalued context keys require a set operator; a bare operator against a request
    // key holding several values matches nothing, whatever the operator.
    let many = request("aws:CalledVia", "athena.amazonaws.com", "glue.amazonaws.com")

    @Test func positiveOperatorIsFalse() throws {
        #expect(!(try condition("StringEquals", "aws:CalledVia", ["athena.amazonaws.com", "glue.amazonaws.com"]).evaluate(in: many)))
        #expect(!(try condition("StringLike", "aws:CalledVia", ["*"]).evaluate(in: many)))
    }

    @Test func negatedOperatorIsFalse() throws {
        #expect(!(try condition("StringNotEquals", "aws:CalledVia", ["s3.amazonaws.com"]).evaluate(in: many)))
    }

    @Test func ifExistsIsFalse() throws {
        #expect(!(try condition("StringLikeIfExists", "aws:CalledVia", ["*"]).evaluate(in: many)))
    }

    @Test func nullStillSeesTheKey() throws {
        #expect(try condition("Null", "aws:CalledVia", ["false"]).evaluate(in: many))
    }
}

@Suite struct ConditionBlockTests {
    @Test func everyConditionMustHold() throws {
        let block = ConditionBlock([
            try condition("StringEquals", "aws:PrincipalAccount", ["111122223333"]),
            try condition("IpAddress", "aws:SourceIp", ["10.0.0.0/8"]),
        ])
        let both = request(["aws:PrincipalAccount": ["111122223333"], "aws:SourceIp": ["10.2.3.4"]])
        let one = request(["aws:PrincipalAccount": ["111122223333"], "aws:SourceIp": ["192.0.2.1"]])
        #expect(block.evaluate(in: both))
        #expect(!block.evaluate(in: one))
        #expect(block.firstFailing(in: one)?.key == "aws:SourceIp")
        #expect(ConditionBlock([]).evaluate(in: emptyRequest))
    }
}
