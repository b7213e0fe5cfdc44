import Testing

@testable import PolicyCore

@Suite("Lint: push and pull sets")
struct GrantSetRuleTests {
    @Test func pushWithoutTheLayerUploadActions() {
        let report = lint(statementPolicy(action: #"["ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]"#))
        let finding = expectFinding("incomplete-push", .warning, at: 7, 5, in: report)
        #expect(
            finding?.message
                == "`arn:aws:iam::111122223333:user/dev` allows `ecr:PutImage` but not `ecr:BatchCheckLayerAvailability`, `ecr:CompleteLayerUpload`, `ecr:InitiateLayerUpload`, `ecr:UploadLayerPart`: `docker push` will fail part-way"
        )
    }

    @Test func layerUploadWithoutPutImage() {
        let report = lint(
            statementPolicy(
                action: #"["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]"#))
        let finding = expectFinding("incomplete-push", .warning, at: 7, 5, in: report)
        #expect(finding?.message.contains("but not `ecr:PutImage`") == true)
    }

    @Test(arguments: [#"["ecr:BatchGetImage"]"#, #"["ecr:GetDownloadUrlForLayer"]"#])
    func pullWithHalfTheSet(action: String) {
        let report = lint(statementPolicy(action: action))
        expectFinding("incomplete-pull", .warning, at: 7, 5, in: report)
    }

    @Test func batchCheckLayerAvailabilityAloneIsNotAPush() {
        let report = lint(statementPolicy(action: #"["ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer"]"#))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func wildcardsCompleteTheSets() {
        let report = lint(statementPolicy(action: #"["ecr:*Layer*", "ecr:PutImage", "ecr:BatchGetImage"]"#))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
    }

    @Test func statementsForTheSamePrincipalsAddUp() {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Sid": "Push", "Effect": "Allow",
                  "Principal": { "AWS": ["arn:aws:iam::111122223333:user/a", "arn:aws:iam::111122223333:user/b"] },
                  "Action": ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart"] },
                { "Sid": "Layers", "Effect": "Allow",
                  "Principal": { "AWS": ["arn:aws:iam::111122223333:user/b", "arn:aws:iam::111122223333:user/a"] },
                  "Action": ["ecr:CompleteLayerUpload", "ecr:BatchCheckLayerAvailability"] },
                { "Sid": "OtherPull", "Effect": "Allow",
                  "Principal": { "AWS": "arn:aws:iam::111122223333:user/c" },
                  "Action": "ecr:BatchGetImage" }
              ]
            }
            """
        let report = lint(text)
        expectNoFinding("incomplete-push", in: report)
        // user/c is another principal set: its half pull set is reported at its own Action.
        expectFinding("incomplete-pull", .warning, at: 12, 7, in: report)
    }

    @Test func identityPolicyStatementsAddUp() {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "*" },
                { "Effect": "Allow", "Action": "ecr:GetDownloadUrlForLayer", "Resource": "*" },
                { "Effect": "Allow", "Action": "ecr:PutImage", "Resource": "*" }
              ]
            }
            """
        let report = lint(text)
        #expect(report.kind == .identity)
        expectNoFinding("incomplete-pull", in: report)
        expectFinding("incomplete-push", .warning, at: 6, 26, in: report)
    }
}
