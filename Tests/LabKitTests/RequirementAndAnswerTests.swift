import Foundation
import Testing
@testable import LabKit

@Suite struct GrantRequirementTests {
    func check(_ id: String) throws -> (LabPack, PolicyCheck) {
        let pack = try RepositoryPack.load()
        guard case .policy(let check) = try #require(pack.task(id)).check else {
            throw LabPackError(diagnostics: [LabDiagnostic(file: id, message: "not a policy task")])
        }
        return (pack, check)
    }

    @Test func explicitActionBeatsMayAllowAndGroupDenyLosesToMayAllowOnlyWhenNotNamed() throws {
        let (pack, check) = try check("07-developer-pull-only")
        #expect(check.requirement(principal: "fcj-developer", action: "ecr:BatchGetImage", in: pack).verdict == .mustAllow)
        #expect(check.requirement(principal: "fcj-developer", action: "ecr:BatchCheckLayerAvailability", in: pack).verdict == .mayAllow)
        let upload = check.requirement(principal: "fcj-developer", action: "ecr:PutImage", in: pack)
        #expect(upload.verdict == .mustDeny)
        #expect(upload.row?.because == "only the pipeline publishes images")
    }

    @Test func groupDenyBeatsWildcardMayAllow() throws {
        let (pack, check) = try check("09-protect-against-deletion")
        #expect(check.requirement(principal: "same-account-ecr-user", action: "ecr:DeleteRepository", in: pack).verdict == .mustDeny)
        #expect(check.requirement(principal: "same-account-ecr-user", action: "ecr:SetRepositoryPolicy", in: pack).verdict == .mustDeny)
        #expect(check.requirement(principal: "same-account-ecr-user", action: "ecr:DescribeImages", in: pack).verdict == .mayAllow)
        #expect(check.requirement(principal: "fcj-ecr-admin", action: "ecr:DeleteRepository", in: pack).verdict == .mustAllow)
        #expect(check.requirement(principal: "other-account-admin", action: "ecr:DescribeImages", in: pack).verdict == .mustDeny)
    }

    @Test func rowsAreScopedToTheirRepositoryExceptAccountActions() throws {
        let (pack, check) = try check("05-ci-identity-policy")
        #expect(check.policyKind == .identity)
        #expect(check.attachTo == "fcj-ecr-ci-cd-user")
        #expect(check.repositories.map(\.name).sorted() == ["fcj-shared-images", "fcj-workshop-app"])
        #expect(pack.gradedPrincipals(for: try #require(pack.task("05-ci-identity-policy"))).map(\.name) == ["fcj-ecr-ci-cd-user"])
        #expect(check.requirement(principal: "fcj-ecr-ci-cd-user", action: "ecr:PutImage", in: pack).verdict == .mustAllow)
        let other = check.requirement(principal: "fcj-ecr-ci-cd-user", action: "ecr:PutImage", repository: "fcj-shared-images", in: pack)
        #expect(other.verdict == .mustDeny)
        #expect(other.row?.repository == "fcj-shared-images")
        let login = check.requirement(principal: "fcj-ecr-ci-cd-user", action: "ecr:GetAuthorizationToken", repository: "fcj-shared-images", in: pack)
        #expect(login.verdict == .mustAllow)
    }

    @Test func groupsExpandInCatalogueOrder() throws {
        let pack = try RepositoryPack.load()
        #expect(pack.expand([.group("pull")]) == ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])
        #expect(pack.expand([.group("push")]).count == 5)
        #expect(pack.expand([.pattern("ecr:*")]).count == ECRActionNames.all.count)
    }
}

@Suite struct AnswerSheetTests {
    func quiz() throws -> QuizCheck {
        let pack = try RepositoryPack.load()
        guard case .quiz(let check) = try #require(pack.task("01-what-a-repository-policy-is")).check else {
            throw LabPackError(diagnostics: [])
        }
        return check
    }

    @Test func aLearnersQuizAnswersAreReadWithGapsAllowed() throws {
        let answers = try AnswerSheet.quizAnswers("q1: b\nq3: [a, c]\nq4:\n", file: "work/01.yaml", for: try quiz()).get()
        #expect(answers.choices == ["q1": ["b"], "q3": ["a", "c"]])
        #expect(answers.unanswered == ["q2", "q4"])
    }

    @Test func unknownQuestionsAndChoicesAreLocated() throws {
        let result = AnswerSheet.quizAnswers("q1: z\nq9: a\nq2: [a, b]\n", file: "work/01.yaml", for: try quiz())
        guard case .failure(let error) = result else { Issue.record("accepted a bad answer sheet"); return }
        #expect(error.diagnostics.map(\.description) == [
            "work/01.yaml:2:1: unknown question `q9`; this task has: q1, q2, q3, q4",
            "work/01.yaml:1:5: `z` is not a choice of question `q1`; pick one of: a, b, c, d",
            "work/01.yaml:3:5: question `q2` takes exactly one choice",
        ])
    }

    @Test func predictAnswersFollowTheTasksStyle() throws {
        let pack = try RepositoryPack.load()
        guard case .predict(let check) = try #require(pack.task("11-explicit-deny-wins")).check else { return }
        let result = AnswerSheet.predictAnswers("identity-deny: deny\nno-allow: implicitDeny\n", file: "work/11.yaml", for: check)
        guard case .failure(let error) = result else { Issue.record("accepted `deny` in a decision task"); return }
        #expect(error.diagnostics.map(\.description) == [
            "work/11.yaml:1:16: `deny` is not an answer here; write one of: allow, explicitDeny, implicitDeny",
        ])
    }

    @Test func quizChoicesAreReadWhateverTheirCase() throws {
        let answers = try AnswerSheet.quizAnswers("q1: B\nq3: [ A , c]\n", file: "work/01.yaml", for: try quiz()).get()
        #expect(answers.choices["q1"] == ["b"])
        #expect(answers.choices["q3"] == ["a", "c"])
    }

    @Test(arguments: [
        ("Allow", AnswerSheet.PredictAnswer.allow), ("allowed", .allow), ("Explicit deny", .explicitDeny),
        ("implicit-deny", .implicitDeny), ("IMPLICITLY DENIED", .implicitDeny),
    ])
    func predictWordsAreReadForTheirMeaning(word: String, expected: AnswerSheet.PredictAnswer) throws {
        let pack = try RepositoryPack.load()
        guard case .predict(let check) = try #require(pack.task("11-explicit-deny-wins")).check else { return }
        let id = try #require(check.scenarios.first?.id)
        let answers = try AnswerSheet.predictAnswers("\(id): \(word)\n", file: "work/11.yaml", for: check).get()
        #expect(answers.answers[id] == expected)
    }

    @Test func anExplicitDenyCountsAsADenyWhereOnlyAllowOrDenyIsAsked() throws {
        let pack = try RepositoryPack.load()
        guard case .predict(let check) = try #require(pack.task("03-the-and-rule")).check else { return }
        let answers = try AnswerSheet.predictAnswers("allow-deny: explicit deny\n", file: "work/03.yaml", for: check).get()
        #expect(answers.answers["allow-deny"] == .deny)
    }

    @Test func aLearnerFileWithAnAliasBombIsRefused() throws {
        let text = "a: &a [x, x]\nb: &b [*a, *a]\nq1: *b\n"
        guard case .failure(let error) = AnswerSheet.quizAnswers(text, file: "work/01.yaml", for: try quiz()) else {
            Issue.record("accepted aliases"); return
        }
        #expect(error.diagnostics.first?.line == 1)
    }
}
