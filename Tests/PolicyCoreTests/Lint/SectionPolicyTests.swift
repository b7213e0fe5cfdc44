import Testing

@testable import PolicyCore

@Suite("The section's own policy")
struct SectionPolicyTests {
    @Test func withARealAccountIdItLintsClean() {
        let report = lint(sectionPolicy(account: "111122223333"))
        #expect(report.kind == .repository)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func withThePlaceholderLeftInItReportsExactlyThePlaceholder() throws {
        let report = lint(sectionPolicy(account: "<YOUR_AWS_ACCOUNT_ID>"), kind: .repository)
        #expect(report.findings.count == 1, "\(report.findings.map(\.code))")
        let finding = try #require(expectFinding("placeholder", .error, at: 8, 30, in: report))
        #expect(
            finding.message
                == "`<YOUR_AWS_ACCOUNT_ID>` is a placeholder: replace it with your 12-digit AWS account id, e.g. 111122223333")
        #expect(finding.help == "write it like `arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user`, with your 12-digit AWS account id")
        // The range covers the placeholder and nothing else.
        #expect(finding.range.end.column - finding.range.start.column == "<YOUR_AWS_ACCOUNT_ID>".count)
    }
}
