import Testing

@testable import PolicyCore

@Suite("Lint: document, statements and text")
struct DocumentRuleTests {
    private let identityResource = #""Resource": "arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app""#

    @Test func missingVersion() {
        let report = lint(statementPolicy(version: nil))
        let finding = expectFinding("missing-version", .warning, at: 1, 1, in: report)
        #expect(finding?.help == "add `\"Version\": \"2012-10-17\"` at the top of the policy")
    }

    @Test func repositoryPolicyOverTheSizeLimit() {
        let longSid = String(repeating: "A", count: 10_300)
        let report = lint(statementPolicy(sid: longSid))
        let finding = expectFinding("policy-too-large", .error, at: 1, 1, in: report)
        #expect(finding?.message.hasPrefix("the policy is 10") == true)
    }

    @Test func sizeLimitCountsCharactersNotBytes() {
        // 1,500 two-byte and 1,500 three-byte characters: over 10,240 bytes, under 10,240 characters.
        let report = lint(statementPolicy(sid: String(repeating: "é€", count: 1_500) + String(repeating: "A", count: 6_000)))
        #expect(report.kind == .repository)
        expectNoFinding("policy-too-large", in: report)
    }

    @Test func identityPolicyHasNoSizeLimitHere() {
        let report = lint(statementPolicy(sid: String(repeating: "A", count: 10_300), principal: nil, extra: [#""Resource": "*""#]))
        expectNoFinding("policy-too-large", in: report)
    }

    @Test func duplicateSid() {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Sid": "Guard", "Effect": "Deny", "Principal": { "AWS": "111122223333" }, "Action": "ecr:PutImage" },
                { "Sid": "Guard", "Effect": "Deny", "Principal": { "AWS": "111122223333" }, "Action": "ecr:DeleteRepository" }
              ]
            }
            """
        let finding = expectFinding("duplicate-sid", .warning, at: 5, 14, in: lint(text))
        #expect(finding?.message == "the Sid `Guard` is already used (line 4): Sids should be unique")
    }

    @Test func sidWithSpacesIsRefusedInIdentityPoliciesOnly() {
        let identity = lint(statementPolicy(sid: "Allow Pull", principal: nil, extra: [identityResource]))
        let finding = expectFinding("invalid-sid", .error, at: 4, 12, in: identity)
        #expect(finding?.help == "use only letters and digits, e.g. `AllowPull`")
        let repository = lint(statementPolicy(sid: "Allow Pull"))
        #expect(repository.findings.isEmpty, "\(repository.findings.map(\.message))")
    }

    @Test func identityStatementWithoutResource() {
        let report = lint(statementPolicy(principal: nil))
        #expect(report.kind == .identity)
        expectFinding("missing-resource", .error, at: 3, 17, in: report)
    }

    @Test func resourceInARepositoryPolicy() {
        let report = lint(statementPolicy(extra: [#""Resource": "arn:aws:ecr:us-east-1:111122223333:repository/other""#]))
        let finding = expectFinding("resource-in-repository-policy", .warning, at: 8, 5, in: report)
        #expect(finding?.message.contains("only if it matches this repository's ARN") == true)
    }

    @Test func placeholderAnywhereIsNamedWithWhatGoesThere() {
        let report = lint(
            statementPolicy(principal: nil, extra: [#""Resource": "arn:aws:ecr:<REGION>:111122223333:repository/fcj-workshop-app""#]))
        let finding = expectFinding("placeholder", .error, at: 8, 30, in: report)
        #expect(finding?.message == "`<REGION>` is a placeholder: replace it with an AWS Region code, e.g. us-east-1")
        #expect(report.findings.count == 1, "\(report.findings.map(\.code))")
    }

    @Test func placeholderColumnCountsCharactersNotBytes() {
        let report = lint(statementPolicy(principal: nil, extra: [#""Resource": "arn:aws:ecr:é<REGION>:111122223333:repository/x""#]))
        expectFinding("placeholder", .error, at: 8, 31, in: report)
    }

    @Test func placeholderWrittenWithEscapesPointsAtTheString() {
        let report = lint(statementPolicy(principal: #"{ "AWS": "arn:aws:iam::\u003cACCOUNT_ID\u003e:user/dev" }"#))
        let finding = expectFinding("placeholder", .error, at: 6, 27, in: report)
        #expect(finding?.message.hasPrefix("`<ACCOUNT_ID>` is a placeholder") == true)
        expectNoFinding("invalid-account-id", in: report)
    }

    @Test func severalPlaceholdersInOneValue() {
        let report = lint(
            statementPolicy(principal: nil, extra: [#""Resource": "arn:aws:ecr:us-east-1:<ACCOUNT>:repository/<REPO_NAME>""#]))
        let columns = report.findings(withCode: "placeholder").map(\.range.start.column)
        #expect(columns == [40, 61])
    }

    @Test func policyVariableUnderTheLegacyVersion() {
        let report = lint(
            statementPolicy(
                version: "2008-10-17", principal: nil,
                extra: [#""Resource": "arn:aws:ecr:us-east-1:111122223333:repository/${aws:username}/*""#]))
        let finding = expectFinding("variable-not-substituted", .warning, at: 8, 64, in: report)
        #expect(finding?.message.hasPrefix("`${aws:username}` stays literal text") == true)
        let current = lint(
            statementPolicy(principal: nil, extra: [#""Resource": "arn:aws:ecr:us-east-1:111122223333:repository/${aws:username}/*""#]))
        #expect(current.findings.isEmpty, "\(current.findings.map(\.message))")
    }
}
