import Testing

@testable import PolicyCore

@Suite("Lint: conditions")
struct ConditionRuleTests {
    private func policy(condition: String) -> String {
        statementPolicy(extra: [#""Condition": \#(condition)"#])
    }

    @Test func unknownOperatorSuggestsTheClosestOne() {
        let report = lint(policy(condition: #"{ "StringEqual": { "aws:PrincipalAccount": "111122223333" } }"#))
        let finding = expectFinding("unknown-condition-operator", .error, at: 8, 20, in: report)
        #expect(finding?.help == "did you mean `StringEquals`? (operator names are case-sensitive)")
    }

    @Test func operatorNamesAreCaseSensitive() {
        let report = lint(policy(condition: #"{ "stringLike": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } }"#))
        let finding = expectFinding("unknown-condition-operator", .error, at: 8, 20, in: report)
        #expect(finding?.help?.hasPrefix("did you mean `StringLike`?") == true)
    }

    @Test func unknownQuantifierIsAnUnknownOperator() {
        let report = lint(policy(condition: #"{ "ForAnyValues:StringLike": { "aws:TagKeys": "team*" } }"#))
        let finding = expectFinding("unknown-condition-operator", .error, at: 8, 20, in: report)
        #expect(finding?.help == "did you mean `ForAnyValue`?")
    }

    @Test func operatorWithSeveralKeysIsReportedOnce() {
        let report = lint(policy(condition: #"{ "IpAdress": { "aws:SourceIp": "203.0.113.0/24", "aws:VpcSourceIp": "10.0.0.0/8" } }"#))
        let finding = expectFinding("unknown-condition-operator", .error, at: 8, 20, in: report)
        #expect(finding?.help?.hasPrefix("did you mean `IpAddress`?") == true)
    }

    @Test func knownOperatorsWithPrefixesAndIfExistsPass() {
        let report = lint(
            policy(
                condition: #"{ "ForAllValues:StringLikeIfExists": { "aws:TagKeys": "team*" }, "Null": { "aws:TokenIssueTime": "false" } }"#))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func nullWithIfExists() {
        let report = lint(policy(condition: #"{ "NullIfExists": { "aws:TokenIssueTime": "true" } }"#))
        expectFinding("null-with-ifexists", .error, at: 8, 20, in: report)
        expectNoFinding("unknown-condition-operator", in: report)
    }

    @Test(arguments: [
        ("StringEquals", 58, "StringLike"), ("StringNotEqualsIgnoreCase", 71, "StringNotLike"),
        ("ArnEquals", 55, "ArnLike"), ("ForAnyValue:ArnNotEqualsIfExists", 78, "ForAnyValue:ArnNotLikeIfExists"),
    ])
    func wildcardInExactMatchSuggestsTheLikeForm(operatorName: String, column: Int, like: String) {
        let report = lint(
            policy(condition: #"{ "\#(operatorName)": { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } }"#))
        let finding = expectFinding("wildcard-in-exact-match", .warning, at: 8, column, in: report)
        #expect(finding?.help == "use `\(like)` to match a pattern")
    }

    @Test func escapedWildcardIsNotAWildcard() {
        let report = lint(policy(condition: #"{ "StringEquals": { "aws:PrincipalTag/team": "a${*}b" } }"#))
        expectNoFinding("wildcard-in-exact-match", in: report)
    }
}
