import Testing

@testable import PolicyCore

@Suite("Lint: actions")
struct ActionRuleTests {
    @Test func malformedActionSuggestsTheColon() {
        let report = lint(statementPolicy(action: #"["ecr PutImage"]"#))
        let finding = expectFinding("malformed-action", .error, at: 7, 16, in: report)
        #expect(finding?.help == "write `ecr:PutImage`")
    }

    @Test func actionWithoutServicePrefixIsMalformed() {
        let report = lint(statementPolicy(action: #"["BatchGetImage", "ecr:GetDownloadUrlForLayer"]"#))
        let finding = expectFinding("malformed-action", .error, at: 7, 16, in: report)
        #expect(finding?.help == "add the service prefix: `ecr:BatchGetImage`")
    }

    @Test func unknownActionSuggestsTheClosestRealOne() {
        let report = lint(statementPolicy(action: #"["ecr:PutImages"]"#))
        let finding = expectFinding("unknown-action", .error, at: 7, 16, in: report)
        #expect(finding?.message == "`ecr:PutImages` is not an ECR action")
        #expect(finding?.help == "did you mean `ecr:PutImage`?")
    }

    @Test func actionNamesCompareCaseInsensitively() {
        let report = lint(statementPolicy(action: #"["ECR:batchgetimage", "ecr:GETDOWNLOADURLFORLAYER"]"#))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func wildcardMatchingNoActionIsUnknown() {
        let report = lint(statementPolicy(action: #"["ecr:Foo*"]"#))
        let finding = expectFinding("unknown-action", .error, at: 7, 16, in: report)
        #expect(finding?.message == "`ecr:Foo*` matches no ECR action")
    }

    @Test func otherServicesActionIsAnErrorInARepositoryPolicyOnly() {
        let repository = lint(statementPolicy(action: #"["s3:GetObject"]"#))
        expectFinding("non-ecr-action", .error, at: 7, 16, in: repository)
        let identity = lint(statementPolicy(principal: nil, action: #"["s3:GetObject"]"#, extra: [#""Resource": "*""#]))
        #expect(identity.kind == .identity)
        expectNoFinding("non-ecr-action", in: identity)
    }

    @Test func accountLevelActionIsRefusedInARepositoryPolicy() {
        let report = lint(statementPolicy(action: #"["ecr:GetAuthorizationToken"]"#))
        let finding = expectFinding("account-action-in-repository-policy", .error, at: 7, 16, in: report)
        #expect(finding?.message.contains("Invalid repository policy provided") == true)
        let identity = lint(statementPolicy(principal: nil, action: #""ecr:GetAuthorizationToken""#, extra: [#""Resource": "*""#]))
        #expect(identity.findings.isEmpty, "\(identity.findings.map(\.message))")
    }

    @Test func wildcardMatchingOnlyAccountLevelActionsIsAWarning() {
        let report = lint(statementPolicy(action: #"["ecr:GetAuthorization*"]"#))
        expectFinding("account-action-in-repository-policy", .warning, at: 7, 16, in: report)
    }

    @Test(arguments: [(#"["ecr:*"]"#, 16), (#""*""#, 15), (#"["ecr:BatchGetImage", "ecr:**"]"#, 37)])
    func allowOfEveryActionIsASecurityFinding(action: String, column: Int) {
        let report = lint(statementPolicy(action: action))
        expectFinding("wildcard-action", .security, at: 7, column, in: report)
    }

    @Test func denyOfEveryActionIsFine() {
        let report = lint(statementPolicy(effect: "Deny", action: #"["ecr:*"]"#))
        expectNoFinding("wildcard-action", in: report)
    }

    @Test func allowWithNotActionIsASecurityFinding() {
        let report = lint(statementPolicy(action: #"["ecr:DeleteRepository"]"#, actionKey: "NotAction"))
        expectFinding("allow-with-notaction", .security, at: 7, 5, in: report)
    }

    @Test func actionCoveredByAWildcardIsRedundant() {
        let report = lint(statementPolicy(action: #"["ecr:BatchGetImage", "ecr:Batch*", "ecr:GetDownloadUrlForLayer"]"#))
        let finding = expectFinding("redundant-action", .suggestion, at: 7, 16, in: report)
        #expect(finding?.message == "`ecr:BatchGetImage` is already covered by `ecr:Batch*`")
    }

    @Test func duplicateActionIsRedundant() {
        let report = lint(statementPolicy(action: #"["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:batchgetimage"]"#))
        let finding = expectFinding("redundant-action", .suggestion, at: 7, 67, in: report)
        #expect(finding?.message == "`ecr:batchgetimage` is listed twice")
    }

    @Test func literalAndEquivalentPatternReportOnlyTheLiteral() {
        let report = lint(statementPolicy(action: #"["ecr:BatchGetImage", "ecr:BatchGetImag?", "ecr:GetDownloadUrlForLayer"]"#))
        expectFinding("redundant-action", .suggestion, at: 7, 16, in: report)
    }

    @Test func everythingMakesOtherActionsRedundant() {
        let report = lint(statementPolicy(effect: "Deny", action: #"["*", "s3:GetObject"]"#))
        expectFinding("redundant-action", .suggestion, at: 7, 21, in: report)
    }
}

@Suite("Lint: action patterns against the catalogue")
struct ActionPatternTests {
    @Test(arguments: [
        ("ecr:batch*", 5), ("ecr:Describe*", 8), ("ecr:*Layer*", 5), ("ecr:Get*Policy", 3), ("ecr:?utImage", 1),
        ("ecr:PUTIMAGE", 1), ("ecr:*", ECRCatalog.actions.count), ("*", ECRCatalog.actions.count), ("ecr:Foo*", 0),
        (" ecr:PutImage ", 1),
    ])
    func patternCoversTheRightActions(pattern: String, count: Int) {
        #expect(ActionReference(pattern).ecrActions.names.count == count)
    }

    @Test func repeatedPatternsExpandTheSameFromMemory() {
        var patterns: [String: ECRActionSet] = [:]
        let first = ActionReference("ecr:Get*Policy", patterns: &patterns)
        let second = ActionReference("ecr:Get*Policy", patterns: &patterns)
        #expect(first == second)
        #expect(patterns.count == 1)
        #expect(first.ecrActions.names == ["ecr:GetLifecyclePolicy", "ecr:GetRegistryPolicy", "ecr:GetRepositoryPolicy"])
    }
}
