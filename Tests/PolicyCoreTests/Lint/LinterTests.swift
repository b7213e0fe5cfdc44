import Testing

@testable import PolicyCore

@Suite("Linter")
struct LinterTests {
    @Test func wellFormedPoliciesOfBothKindsLintClean() {
        #expect(lint(statementPolicy()).findings.isEmpty)
        let identity = lint(statementPolicy(principal: nil, extra: [#""Resource": "*""#]))
        #expect(identity.kind == .identity)
        #expect(identity.findings.isEmpty, "\(identity.findings.map(\.message))")
    }

    @Test func explicitKindOverridesDetection() {
        #expect(lint(statementPolicy()).kind == .repository)
        #expect(lint(statementPolicy(), kind: .identity).kind == .identity)
    }

    @Test func readerFindingsComeThroughWhenTheTextIsNotJSON() {
        let report = lint(#"{ "Version": "2012-10-17" "Statement": [] }"#, kind: .repository)
        #expect(report.hasErrors)
        #expect(report.kind == .repository)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.range.start.line == 1)
    }

    @Test func decoderAndLintFindingsAreSortedBySource() {
        let report = lint(statementPolicy(version: nil, effect: "allow", action: #"["ecr:PutImages"]"#))
        let codes = report.findings.map(\.code)
        #expect(codes == ["missing-version", "invalid-effect", "unknown-action"])
        #expect(report.count(of: .error) == 2)
        #expect(report.count(of: .warning) == 1)
        #expect(report.countsBySeverity.map(\.count) == [2, 0, 1, 0])
        #expect(report.fails())
    }

    @Test func strictFailsOnSecurityFindings() {
        let report = lint(statementPolicy(principal: #""*""#))
        #expect(!report.hasErrors)
        #expect(report.hasSecurityFindings)
        #expect(!report.fails())
        #expect(report.fails(strict: true))
    }

    @Test func disabledCodesAreLeftOut() {
        let options = LintOptions(disabledCodes: ["missing-version"])
        #expect(lint(statementPolicy(version: nil), options: options).findings.isEmpty)
    }

    @Test func everyLintMessageIsOneLineStartingLowerCase() {
        let texts = [
            statementPolicy(version: nil, principal: #""*""#, action: #"["ecr:*", "ecr:PutImages", "ecr PutImage"]"#),
            statementPolicy(principal: #"{ "AWS": "arn:aws:iam::<ACCOUNT>:*" }"#, principalKey: "NotPrincipal"),
            statementPolicy(principal: nil, extra: [#""Condition": { "StringEquals": { "aws:username": "a*" } }"#]),
        ]
        for text in texts {
            for finding in lint(text).findings {
                #expect(!finding.message.contains("\n"))
                #expect(finding.message.first.map { !$0.isUppercase } == true, "\(finding.message)")
                #expect(finding.help?.isEmpty == false, "\(finding.code) has no help")
            }
        }
    }
}
