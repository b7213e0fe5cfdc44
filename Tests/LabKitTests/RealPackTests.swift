import Foundation
import Testing
@testable import LabKit

/// The repository's own `labs/` and `solutions/`, found from this file's location.
enum RepositoryPack {
    static let labs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("labs")

    static func load() throws -> LabPack { try LabPack.load(from: labs) }
}

@Suite struct RealPackTests {
    @Test func loadsWithoutAnyDiagnostic() throws {
        do {
            let pack = try RepositoryPack.load()
            #expect(pack.tasks.count >= 13)
        } catch let error as LabPackError {
            Issue.record("the lab pack has problems:\n\(error)")
        }
    }

    @Test func everyObjectiveIsTaughtAtLeastTwice() throws {
        let pack = try RepositoryPack.load()
        #expect(pack.objectives.count == 4)
        for objective in pack.objectives {
            let count = pack.tasks.filter { $0.objectives.contains(objective.id) }.count
            #expect(count >= 2, "objective \(objective.id) is covered by \(count) task(s)")
        }
    }

    @Test func everyKindIsUsedAndEveryTaskHasThreeHints() throws {
        let pack = try RepositoryPack.load()
        #expect(Set(pack.tasks.map(\.kind)) == Set(TaskKind.allCases))
        for task in pack.tasks {
            #expect(task.hints.count == 3, "\(task.id) has \(task.hints.count) hints")
            #expect(task.starter != nil || task.kind == .apply)
        }
    }

    @Test func theSectionTaskStartsWithThePlaceholderAndIsSolvedForTheDefaultAccount() throws {
        let pack = try RepositoryPack.load()
        let task = try #require(pack.task("04-ci-push-pull"))
        #expect(task.starter?.text.contains("<YOUR_AWS_ACCOUNT_ID>") == true)
        #expect(task.solution.text.contains("arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"))
        #expect(task.solution.text.contains("AllowPushPullFromCICDUser"))
        let ci = try #require(pack.principal("fcj-ecr-ci-cd-user"))
        #expect(ci.identityPolicies == ["ecr-power-user.json"])
        #expect(pack.identityPolicies["ecr-power-user.json"]?.text.contains("ecr:PutImage") == true)
    }

    @Test func theLearnersAccountFlowsIntoArnsAndPolicies() throws {
        let pack = try RepositoryPack.load()
        let mine = pack.environment(account: "123456789012")
        let ci = try #require(pack.principal("fcj-ecr-ci-cd-user"))
        #expect(ci.arn(in: mine) == "arn:aws:iam::123456789012:user/fcj-ecr-ci-cd-user")
        let solution = try #require(pack.task("04-ci-push-pull")).solution.text
        #expect(mine.retarget(policyText: solution).contains("arn:aws:iam::123456789012:user/fcj-ecr-ci-cd-user"))
        #expect(pack.environment().retarget(policyText: solution) == solution)
        #expect(pack.reservedAccounts.contains("444455556666"))
        let codebuild = try #require(pack.principal("codebuild-fcj-build"))
        #expect(codebuild.context(in: mine)["aws:SourceArn"] == ["arn:aws:codebuild:us-east-1:123456789012:project/fcj-workshop-build"])
    }

    @Test func quizKeysAndPredictSolutionsAreComplete() throws {
        let pack = try RepositoryPack.load()
        for task in pack.tasks {
            switch task.check {
            case .quiz(let quiz):
                #expect(Set(quiz.key.keys) == Set(quiz.questions.map(\.id)), "\(task.id)")
            case .predict(let predict):
                let answers = try AnswerSheet.predictAnswers(task.solution.text, file: task.solution.path, for: predict).get()
                #expect(answers.unanswered.isEmpty, "\(task.id)")
                let starter = try AnswerSheet.predictAnswers(try #require(task.starter).text, file: "starter", for: predict).get()
                #expect(starter.answers.isEmpty, "\(task.id) starter must leave every row open")
            case .policy, .apply:
                break
            }
        }
    }

    @Test func theSectionTaskRequiresThePushAndPullGroupsForTheCIUser() throws {
        let pack = try RepositoryPack.load()
        let task = try #require(pack.task("04-ci-push-pull"))
        guard case .policy(let check) = task.check else { Issue.record("task 4 is not a policy task"); return }
        for action in ["ecr:PutImage", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"] {
            #expect(check.requirement(principal: "fcj-ecr-ci-cd-user", action: action, in: pack).verdict == .mustAllow)
        }
        #expect(check.requirement(principal: "fcj-ecr-ci-cd-user", action: "ecr:DeleteRepository", in: pack).verdict == .mustDeny)
        #expect(check.requirement(principal: "anonymous", action: "ecr:BatchGetImage", in: pack).row == nil)
        #expect(pack.gradedPrincipals(for: task).map(\.name) == [
            "fcj-ecr-ci-cd-user", "fcj-developer", "other-account-admin", "same-account-ecr-user", "anonymous",
        ])
    }
}
