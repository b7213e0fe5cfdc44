import Testing

@testable import PolicyCore

@Suite("Lint: principals")
struct PrincipalRuleTests {
    @Test func repositoryStatementWithoutPrincipal() {
        let report = lint(statementPolicy(principal: nil), kind: .repository)
        expectFinding("missing-principal", .error, at: 3, 17, in: report)
    }

    @Test func principalInAnIdentityPolicy() {
        let report = lint(statementPolicy(extra: [#""Resource": "*""#]), kind: .identity)
        expectFinding("principal-in-identity-policy", .error, at: 6, 5, in: report)
    }

    @Test(arguments: [
        #"{ "AWS": "arn:aws:iam::123456789012:*" }"#, #"{ "AWS": "arn:aws:iam::*:user/x" }"#,
        #"{ "AWS": "arn:aws:iam::111122223333:user/ci-*" }"#,
    ])
    func partialWildcardInPrincipal(principal: String) {
        let report = lint(statementPolicy(principal: principal))
        expectFinding("wildcard-in-principal", .error, at: 6, 27, in: report)
        expectNoFinding("invalid-account-id", in: report)
        expectNoFinding("invalid-principal", in: report)
    }

    @Test func wildcardInServicePrincipal() {
        let report = lint(statementPolicy(principal: #"{ "Service": "*.amazonaws.com" }"#))
        expectFinding("wildcard-in-principal", .error, at: 6, 31, in: report)
    }

    @Test func accountIdThatIsNotTwelveDigits() {
        let report = lint(statementPolicy(principal: #"{ "AWS": "11112222333" }"#))
        let finding = expectFinding("invalid-account-id", .error, at: 6, 27, in: report)
        #expect(finding?.message == "`11112222333` is not an AWS account id: an account id is exactly 12 digits")
    }

    @Test func accountIdInsideAnARNIsPointedAtExactly() {
        let report = lint(statementPolicy(principal: #"{ "AWS": "arn:aws:iam::1111-2222-3333:root" }"#))
        let finding = expectFinding("invalid-account-id", .error, at: 6, 41, in: report)
        #expect(finding?.help == "write the 12 digits without dashes or spaces")
    }

    @Test func principalARNWithoutUserPrefix() {
        let report = lint(statementPolicy(principal: #"{ "AWS": "arn:aws:iam::111122223333:fcj-ecr-ci-cd-user" }"#))
        let finding = expectFinding("invalid-principal", .error, at: 6, 27, in: report)
        #expect(finding?.help == "for a user write `arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user`")
    }

    @Test func principalThatIsNotAnIAMARN() {
        let report = lint(statementPolicy(principal: #"{ "AWS": "arn:aws:ecr:us-east-1:111122223333:repository/x" }"#))
        expectFinding("invalid-principal", .error, at: 6, 27, in: report)
    }

    @Test(arguments: [
        "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/path/ci",
        "arn:aws:sts::111122223333:assumed-role/ci/session", "AIDAJQABLZS4A3QDU576Q",
    ])
    func validPrincipalsPass(value: String) {
        let report = lint(statementPolicy(principal: #"{ "AWS": "\#(value)" }"#))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test(arguments: [(#""*""#, 18), (#"{ "AWS": "*" }"#, 27)])
    func allowToEveryoneWithoutCondition(principal: String, column: Int) {
        let report = lint(statementPolicy(principal: principal))
        expectFinding("public-access", .security, at: 6, column, in: report)
    }

    @Test func allowToEveryoneNarrowedByAConditionIsNotPublic() {
        let report = lint(
            statementPolicy(
                principal: #""*""#,
                extra: [#""Condition": { "StringEquals": { "aws:PrincipalAccount": "111122223333" } }"#]))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func negatedConditionDoesNotNarrowEveryone() {
        let report = lint(
            statementPolicy(
                principal: #""*""#,
                extra: [#""Condition": { "StringNotEquals": { "aws:PrincipalAccount": "444455556666" } }"#]))
        expectFinding("public-access", .security, at: 6, 18, in: report)
    }

    @Test func allowWithNotPrincipal() {
        let report = lint(statementPolicy(principalKey: "NotPrincipal"))
        expectFinding("allow-with-notprincipal", .security, at: 6, 5, in: report)
    }

    @Test func denyWithNotPrincipalIsFine() {
        let report = lint(statementPolicy(effect: "Deny", principalKey: "NotPrincipal"))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test(arguments: [
        (#"{ "AWS": "111122223333" }"#, #"["ecr:SetRepositoryPolicy"]"#, 16),
        (#"{ "AWS": "arn:aws:iam::111122223333:root" }"#, #"["ecr:BatchGetImage", "ecr:Delete*"]"#, 37),
        (#"{ "AWS": ["arn:aws:iam::111122223333:user/a", "arn:aws:iam::111122223333:user/b"] }"#, #"["ecr:Set*"]"#, 16),
        (#"{ "Service": "codebuild.amazonaws.com" }"#, #"["ecr:DeleteRepository"]"#, 16),
    ])
    func administrativeGrantToMoreThanOneUserOrRole(principal: String, action: String, column: Int) {
        let report = lint(statementPolicy(principal: principal, action: action))
        expectFinding("broad-admin-grant", .security, at: 7, column, in: report)
    }

    @Test func administrativeGrantToOneUserIsFine() {
        let report = lint(statementPolicy(action: #"["ecr:SetRepositoryPolicy", "ecr:DeleteRepository"]"#))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }
}
