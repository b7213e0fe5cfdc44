import Testing
@testable import LabKit

/// Policies are graded on what they decide, never on how they are written: differently written
/// correct answers pass, and wrong ones fail whatever they look like.
@Suite struct EquivalentPolicyTests {
    static let ci = "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"
    static let seven = """
        ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:PutImage",
         "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
        """

    static func policy(_ statements: String, version: String = "2012-10-17") -> String {
        "{\n  \"Version\": \"\(version)\",\n  \"Statement\": [\n\(statements)\n  ]\n}\n"
    }

    /// Correct answers to task 4 written in ways the reference solution does not use.
    static let task4Equivalents: [(name: String, text: String)] = [
        ("layer pattern", policy("""
            {"Sid": "CI", "Effect": "Allow", "Principal": {"AWS": "\(ci)"},
             "Action": ["ecr:*Layer*", "ecr:BatchGetImage", "ecr:PutImage"]}
            """)),
        ("pull and push in two statements", policy("""
            {"Sid": "Pull", "Effect": "Allow", "Principal": {"AWS": ["\(ci)"]}, "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]},
            {"Sid": "Push", "Effect": "Allow", "Principal": {"AWS": "\(ci)"},
             "Action": ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"]}
            """)),
        ("single statement object, lower-case action names", """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "\(ci)"},
             "Action": ["ecr:getdownloadurlforlayer", "ECR:BatchGetImage", "ecr:batchchecklayeravailability", "ecr:putimage",
                        "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]}}
            """),
        ("everything, then a Deny with NotAction", policy("""
            {"Sid": "All", "Effect": "Allow", "Principal": {"AWS": "\(ci)"}, "Action": "ecr:*"},
            {"Sid": "OnlyPushPull", "Effect": "Deny", "Principal": {"AWS": "\(ci)"}, "NotAction": \(seven)}
            """)),
        ("star principal narrowed by aws:PrincipalArn", policy("""
            {"Sid": "CI", "Effect": "Allow", "Principal": "*", "Action": \(seven),
             "Condition": {"ArnEquals": {"aws:PrincipalArn": "\(ci)"}}}
            """)),
        ("Resource naming the repository", policy("""
            {"Sid": "CI", "Effect": "Allow", "Principal": {"AWS": "\(ci)"}, "Action": \(seven),
             "Resource": "arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app"}
            """)),
        ("Resource star", policy("""
            {"Sid": "CI", "Effect": "Allow", "Principal": {"AWS": "\(ci)"}, "Action": \(seven), "Resource": "*"}
            """)),
        ("an extra Deny for everyone else", policy("""
            {"Sid": "CI", "Effect": "Allow", "Principal": {"AWS": "\(ci)"}, "Action": \(seven)},
            {"Sid": "NobodyElse", "Effect": "Deny", "NotPrincipal": {"AWS": "\(ci)"}, "Action": "ecr:*"}
            """)),
    ]

    @Test(arguments: task4Equivalents.map(\.name))
    func task4EquivalentPasses(name: String) throws {
        let text = try #require(Self.task4Equivalents.first { $0.name == name }).text
        let result = try GradingBench().grade("04-ci-push-pull", text)
        #expect(result.passed, "\(name): \(result.failedChecks.map { "\($0.id): \($0.message)" })")
    }

    @Test func theAccountInsteadOfTheUserLetsTheDeveloperPush() throws {
        let text = Self.policy("""
            {"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": \(Self.seven)}
            """)
        let result = try GradingBench().grade("04-ci-push-pull", text)
        #expect(!result.passed)
        #expect(result.failedIDs.contains("deny:fcj-developer:push"))
        #expect(result.failedIDs.contains("least-privilege:same-account-ecr-user"))
        #expect(result.check("grant:fcj-ecr-ci-cd-user:push")?.passed == true)
        let message = try #require(result.check("least-privilege:same-account-ecr-user")).message
        #expect(message.contains("naming the account lets in every user"))
    }

    @Test func aStarPrincipalIsAnOverGrantToEveryProbe() throws {
        let text = Self.policy("""
            {"Sid": "AllowAll", "Effect": "Allow", "Principal": "*", "Action": \(Self.seven)}
            """)
        let result = try GradingBench().grade("04-ci-push-pull", text)
        for probe in ["other-account-admin", "same-account-ecr-user", "anonymous"] {
            let check = try #require(result.check("least-privilege:\(probe)"))
            #expect(!check.passed)
            #expect(check.severity == .security)
            #expect(check.message.contains("can push and pull through `AllowAll` (line 4)"), "\(check.message)")
            #expect(check.message.contains("limit the Principal"))
        }
        #expect(result.check("lint:noWildcardPrincipal")?.passed == false)
    }

    @Test func ecrStarForAnotherAccountIsReportedWithTheMostHarmfulActionsFirst() throws {
        let text = Self.policy("""
            {"Sid": "AllowAll", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "ecr:*"},
            {"Sid": "CI", "Effect": "Allow", "Principal": {"AWS": "\(Self.ci)"}, "Action": \(Self.seven)}
            """)
        let result = try GradingBench().grade("04-ci-push-pull", text)
        #expect(result.failedIDs == ["least-privilege:other-account-admin"])
        let message = try #require(result.failedChecks.first).message
        #expect(message.hasPrefix("other-account-admin, an administrator of another account"))
        #expect(message.contains("can admin, delete, push and pull, and call "), "\(message)")
        #expect(message.contains("through `AllowAll` (line 4)"))
        #expect(!message.contains("GetAuthorizationToken"), "account-level actions are not the repository policy's doing")
    }

    @Test func aDenyThatRemovesAGrantIsNamed() throws {
        let text = Self.policy("""
            {"Sid": "CI", "Effect": "Allow", "Principal": {"AWS": "\(Self.ci)"}, "Action": \(Self.seven)},
            {"Sid": "NoOverwrite", "Effect": "Deny", "Principal": "*", "Action": "ecr:PutImage"}
            """)
        let result = try GradingBench().grade("04-ci-push-pull", text)
        #expect(result.failedIDs == ["grant:fcj-ecr-ci-cd-user:push"])
        let check = try #require(result.failedChecks.first)
        #expect(check.message.hasPrefix("fcj-ecr-ci-cd-user cannot push: `NoOverwrite` in work/04-ci-push-pull.json (line 6) denies ecr:PutImage explicitly"))
        #expect(check.location == CheckLocation(file: "work/04-ci-push-pull.json", line: 6, column: 1))
    }

    @Test func missingActionsOfAGroupAreListedInOneCheck() throws {
        let text = Self.policy("""
            {"Sid": "CI", "Effect": "Allow", "Principal": {"AWS": "\(Self.ci)"}, "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage"]}
            """)
        let result = try GradingBench().grade("04-ci-push-pull", text)
        #expect(result.failedIDs == ["grant:fcj-ecr-ci-cd-user:push"])
        #expect(result.failedChecks[0].message == "fcj-ecr-ci-cd-user cannot push: ecr:BatchCheckLayerAvailability, ecr:CompleteLayerUpload, ecr:InitiateLayerUpload and ecr:UploadLayerPart are not in the Action list of `CI` in work/04-ci-push-pull.json (line 4): add them there")
    }

    @Test func aLearnerWithTheirOwnAccountMustUseIt() throws {
        let bench = try GradingBench(account: "123456789012")
        let solution = try bench.solution("04-ci-push-pull")
        let asWritten = try bench.grade("04-ci-push-pull", solution)
        #expect(!asWritten.passed, "the default account is not this learner's")
        #expect(asWritten.check("grant:fcj-ecr-ci-cd-user:push")?.passed == false)
        let theirs = try bench.grade("04-ci-push-pull", solution.replacingOccurrences(of: "111122223333", with: "123456789012"))
        #expect(theirs.passed, "\(theirs.failedChecks.map(\.message))")
    }

    @Test func unparsableJSONFailsEveryCheckWithoutCrashing() throws {
        let result = try GradingBench().grade("04-ci-push-pull", "{\"Version\": \"2012-10-17\", \"Statement\": [")
        #expect(!result.passed)
        #expect(result.check("lint:noErrors")?.passed == false)
        #expect(result.check("grant:fcj-ecr-ci-cd-user:push")?.message.hasPrefix("not checked yet") == true)
        #expect(result.maxScore == 13)
    }

    @Test func adviceNeverPointsAtAStatementAboutSomeoneElse() throws {
        // The admin has no statement: adding the delete actions to `CI` would hand them to the pipeline.
        let solution = try GradingBench().solution("09-protect-against-deletion")
        let withoutAccount = solution.replacingOccurrences(of: "\"Sid\": \"AccountDecidesThroughIAM\"", with: "\"Sid\": \"Account\"")
            .replacingOccurrences(of: "\"AWS\": \"arn:aws:iam::111122223333:root\"", with: "\"AWS\": \"arn:aws:iam::111122223333:user/fcj-developer\"")
            .replacingOccurrences(of: "\"Action\": \"ecr:*\"", with: "\"Action\": \"ecr:BatchGetImage\"")
        let result = try GradingBench().grade("09-protect-against-deletion", withoutAccount)
        let delete = try #require(result.check("grant:fcj-ecr-admin:delete"))
        #expect(delete.message == "fcj-ecr-admin cannot delete: no repository policy statement allows ecr:BatchDeleteImage and ecr:DeleteRepository for fcj-ecr-admin: add a statement that allows them to `arn:aws:iam::111122223333:role/fcj-ecr-admin`")
    }

    @Test func aStatementSharedWithThePipelineIsSplitNotNarrowed() throws {
        let text = Self.policy("""
            {"Sid": "Both", "Effect": "Allow", "Principal": {"AWS": ["\(Self.ci)", "arn:aws:iam::111122223333:user/fcj-developer"]}, "Action": \(Self.seven)}
            """)
        let result = try GradingBench().grade("07-developer-pull-only", text)
        #expect(result.failedIDs == ["deny:fcj-developer:ecr:InitiateLayerUpload+ecr:UploadLayerPart+ecr:CompleteLayerUpload+ecr:PutImage"])
        #expect(result.failedChecks.first?.message.hasSuffix("give fcj-developer a statement of its own: `Both` also serves fcj-ecr-ci-cd-user") == true)
    }

    // MARK: other tasks

    @Test func task5MissingTheRepositoryHalfFailsUnderTheAndModel() throws {
        // Login alone: the repository policy allows the pipeline, but under AND the identity half is missing.
        let text = Self.policy("""
            {"Sid": "Login", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}
            """)
        let result = try GradingBench().grade("05-ci-identity-policy", text)
        #expect(result.check("grant:fcj-ecr-ci-cd-user:login")?.passed == true)
        let push = try #require(result.check("grant:fcj-ecr-ci-cd-user:push"))
        #expect(!push.passed)
        #expect(push.message.contains("ecr:PutImage"))
        #expect(push.message.contains("is not in the Action list of `Login`") || push.message.contains("are not in the Action list of `Login`"), "\(push.message)")
        #expect(result.check("grant:fcj-ecr-ci-cd-user:pull")?.passed == false)
    }

    @Test func task5ResourceStarReachesAnotherRepository() throws {
        let text = Self.policy("""
            {"Sid": "Login", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
            {"Sid": "PushPull", "Effect": "Allow", "Action": \(Self.seven), "Resource": "*"}
            """)
        let result = try GradingBench().grade("05-ci-identity-policy", text)
        #expect(result.failedIDs == ["deny:fcj-ecr-ci-cd-user:push@fcj-shared-images", "deny:fcj-ecr-ci-cd-user:pull@fcj-shared-images"])
        #expect(result.failedChecks[0].message.contains("narrow its Resource"))
    }

    @Test func task5EquivalentResourcesPass() throws {
        for resource in ["arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-*", "arn:aws:ecr:*:111122223333:repository/fcj-workshop-app"] {
            let text = Self.policy("""
                {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": ["*"]},
                {"Effect": "Allow", "Action": ["ecr:*Layer*", "ecr:BatchGetImage", "ecr:PutImage"], "Resource": "\(resource)"}
                """)
            let result = try GradingBench().grade("05-ci-identity-policy", text)
            #expect(result.passed, "\(resource): \(result.failedChecks.map(\.message))")
        }
    }

    @Test func task5AllOfECRIsAnOverGrantEvenWhereTheRepositoryPolicyAllows() throws {
        let text = Self.policy("""
            {"Sid": "Everything", "Effect": "Allow", "Action": "ecr:*", "Resource": "*"}
            """)
        let result = try GradingBench().grade("05-ci-identity-policy", text)
        let check = try #require(result.check("least-privilege:fcj-ecr-ci-cd-user"))
        #expect(!check.passed)
        // Account-level actions are the identity policy's doing here.
        #expect(check.message.contains("ecr:") && check.message.contains("on fcj-shared-images"), "\(check.message)")
    }

    @Test func task5AllOfECROnTheRepositoryIsMoreThanTheSevenActions() throws {
        // The repository policy in place refuses everything but the seven; the identity policy still must not rely on it.
        let text = Self.policy("""
            {"Sid": "Login", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
            {"Sid": "Everything", "Effect": "Allow", "Action": "ecr:*", "Resource": "arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app"}
            """)
        let result = try GradingBench().grade("05-ci-identity-policy", text)
        #expect(result.failedIDs == ["least-privilege:fcj-ecr-ci-cd-user"])
        let message = try #require(result.failedChecks.first).message
        #expect(message.hasPrefix("fcj-ecr-ci-cd-user can admin and delete, and call "), "\(message)")
        #expect(message.contains("through `Everything` (line 5): keep only the actions the task asks for in its Action list"), "\(message)")
    }

    @Test func task6TheWholePartnerAccountLetsTheAuditorIn() throws {
        let solution = try GradingBench().solution("06-cross-account-pull")
        let text = solution.replacingOccurrences(of: "arn:aws:iam::444455556666:role/fcj-partner-deployer", with: "444455556666")
        let result = try GradingBench().grade("06-cross-account-pull", text)
        #expect(result.failedIDs.contains("deny:fcj-partner-auditor:pull"))
        #expect(result.check("grant:fcj-partner-deployer:pull")?.passed == true)
    }

    @Test func task9EquivalentsOfTheAdminExemption() throws {
        let bench = try GradingBench()
        let solution = try bench.solution("09-protect-against-deletion")
        let variants = [
            solution.replacingOccurrences(of: "\"arn:aws:iam::111122223333:root\"", with: "\"111122223333\""),
            solution.replacingOccurrences(of: "ArnNotEquals", with: "ArnNotLike"),
            solution.replacingOccurrences(of: "ArnNotEquals", with: "StringNotEquals"),
        ]
        for variant in variants {
            #expect(variant != solution)
            let result = try bench.grade("09-protect-against-deletion", variant)
            #expect(result.passed, "\(result.failedChecks.map(\.message))")
        }
        // A role session ARN never equals aws:PrincipalArn, which holds the role: the admin is locked out too.
        let session = solution.replacingOccurrences(of: "arn:aws:iam::111122223333:role/fcj-ecr-admin",
                                                    with: "arn:aws:sts::111122223333:assumed-role/fcj-ecr-admin/admin-session")
        let locked = try bench.grade("09-protect-against-deletion", session)
        #expect(locked.failedIDs.contains("grant:fcj-ecr-admin:delete"))
        #expect(locked.check("grant:fcj-ecr-admin:delete")?.message.contains("denies") == true)
    }

    @Test func task10SourceAccountAloneLetsAnotherProjectIn() throws {
        let bench = try GradingBench()
        let solution = try bench.solution("10-codebuild-pull")
        let withoutArn = solution.replacingOccurrences(
            of: ",\n        \"ArnLike\": {\n          \"aws:SourceArn\": \"arn:aws:codebuild:us-east-1:111122223333:project/fcj-workshop-build\"\n        }", with: "")
        #expect(withoutArn != solution)
        let result = try bench.grade("10-codebuild-pull", withoutArn)
        #expect(result.failedIDs == ["deny:codebuild-scratch-project:pull"])
        #expect(result.failedChecks[0].message.contains("add a Condition on `aws:SourceAccount` and `aws:SourceArn`"), "\(result.failedChecks[0].message)")
        let stringEquals = solution.replacingOccurrences(of: "\"ArnLike\"", with: "\"ArnEquals\"")
        #expect(stringEquals != solution)
        let exact = try bench.grade("10-codebuild-pull", stringEquals)
        #expect(exact.passed, "\(exact.failedChecks.map(\.message))")
    }
}
