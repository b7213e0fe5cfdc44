import Testing
@testable import LabKit

/// `labs verify` over the real pack, and proof that it notices a broken task.
@Suite struct PackVerificationTests {
    @Test func theRealPackVerifies() throws {
        let verification = PackVerification.verify(try RepositoryPack.load())
        #expect(verification.packProblems.isEmpty, "\(verification.packProblems)")
        for task in verification.tasks {
            #expect(task.passed, "\(task.taskID): \(task.problems)")
        }
        #expect(verification.passed)
    }

    @Test func everySolutionPassesAndEveryStarterFails() throws {
        let bench = try GradingBench()
        for task in bench.pack.tasks {
            let solution = Submission(text: task.solution.text, fileName: task.solution.path)
            let solved = bench.grader.grade(solution, for: task, appliedPolicy: task.kind == .apply ? solution : nil)
            #expect(solved.passed, "\(task.id) solution: \(solved.failedChecks.map(\.message))")
            #expect(solved.score == solved.maxScore && solved.maxScore > 0)
            let starter = task.starter.map { Submission(text: $0.text, fileName: $0.path) } ?? Submission(text: "", fileName: "-")
            let started = bench.grader.grade(starter, for: task)
            #expect(!started.passed, "\(task.id) starter passes")
        }
    }

    @Test func aSolutionThatFailsAndAStarterThatPassesAreReported() throws {
        var pack = try RepositoryPack.load()
        let index = try #require(pack.tasks.firstIndex { $0.id == "04-ci-push-pull" })
        let solution = pack.tasks[index].solution
        pack.tasks[index].solution.text = try #require(pack.tasks[index].starter).text
        pack.tasks[index].starter?.text = solution.text
        let report = try #require(PackVerification.verify(pack).tasks.first { $0.taskID == "04-ci-push-pull" })
        #expect(!report.passed)
        #expect(report.problems.contains { $0.hasPrefix("the solution fails `lint:noPlaceholder`") })
        #expect(report.problems.contains { $0.hasPrefix("the starter `labs/04-ci-push-pull/policy.json` already passes") })
        let text = VerificationRenderer().render(PackVerification.verify(pack))
        #expect(text.contains("FAIL 04-ci-push-pull"))
        #expect(text.hasSuffix("1 of 13 tasks do not verify\n"))
    }

    @Test func aPredictSolutionThatDisagreesWithTheEngineIsReported() throws {
        var pack = try RepositoryPack.load()
        let index = try #require(pack.tasks.firstIndex { $0.id == "11-explicit-deny-wins" })
        pack.tasks[index].solution.text = pack.tasks[index].solution.text.replacingOccurrences(of: "admin-delete: allow", with: "admin-delete: explicitDeny")
        let report = try #require(PackVerification.verify(pack).tasks.first { $0.taskID == "11-explicit-deny-wins" })
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.hasPrefix("the solution fails `scenario:admin-delete`: `admin-delete`: you answered explicitDeny, but it is allow") == true)
    }

    @Test func aSharedPolicyWithLintErrorsIsReported() throws {
        var pack = try RepositoryPack.load()
        pack.identityPolicies["login-only.json"]?.text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecr:Login\", \"Resource\": \"*\"}]}"
        let verification = PackVerification.verify(pack)
        #expect(!verification.passed)
        #expect(verification.packProblems.first?.hasPrefix("labs/identities/login-only.json:1:") == true)
    }

    @Test func taskNumbersFindTheirTask() throws {
        let pack = try RepositoryPack.load()
        #expect(pack.task(matching: "4")?.id == "04-ci-push-pull")
        #expect(pack.task(matching: "04")?.id == "04-ci-push-pull")
        #expect(pack.task(matching: "04-ci-push-pull")?.id == "04-ci-push-pull")
        #expect(pack.task(matching: "13")?.id == "13-same-or-cross-account")
        #expect(pack.task(matching: "99") == nil)
        #expect(pack.task(matching: "-4") == nil)
        #expect(pack.task(matching: "") == nil)
        #expect(pack.task(matching: "04-ci") == nil)
    }
}
