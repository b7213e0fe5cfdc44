import Testing
@testable import LabKit

/// Quiz, predict and apply tasks.
@Suite struct AnswerTaskGradingTests {
    // MARK: quiz

    @Test func quizKeyPassesAndAWrongChoiceGetsItsFeedback() throws {
        let bench = try GradingBench()
        let solved = try bench.grade("01-what-a-repository-policy-is", try bench.solution("01-what-a-repository-policy-is"))
        #expect(solved.passed)
        #expect(solved.checks.map(\.id) == ["question:q1", "question:q2", "question:q3", "question:q4"])

        let wrong = try bench.grade("01-what-a-repository-policy-is", "q1: a\nq2: a\nq3: [a, c, d]\nq4: a\n")
        #expect(wrong.failedIDs == ["question:q1"])
        #expect(wrong.failedChecks[0].message.hasPrefix("`q1`: `a` is not right: A policy on a user is an identity-based policy"))
        #expect(wrong.score == 3 && wrong.maxScore == 4)
    }

    @Test func quizMultipleChoiceMustBeExactAndDoesNotRevealTheMissedChoice() throws {
        let bench = try GradingBench()
        let missed = try bench.grade("01-what-a-repository-policy-is", "q1: b\nq2: a\nq3: [a, c]\nq4: a\n")
        #expect(missed.failedIDs == ["question:q3"])
        #expect(missed.failedChecks[0].message == "`q3`: one more choice is right")
        let extra = try bench.grade("01-what-a-repository-policy-is", "q1: b\nq2: a\nq3: [a, b, c, d]\nq4: a\n")
        #expect(extra.failedChecks[0].message.contains("`b` is not right: Login is an account-wide action"))
    }

    @Test func quizUnansweredAndUnreadableSheets() throws {
        let bench = try GradingBench()
        let open = try bench.grade("01-what-a-repository-policy-is", "q1: b\n")
        #expect(open.failedIDs == ["question:q2", "question:q3", "question:q4"])
        #expect(open.failedChecks[0].message == "`q2` is not answered yet: write `q2: ` and one of a, b or c")
        let unknown = try bench.grade("01-what-a-repository-policy-is", "q9: b\n")
        #expect(unknown.failedChecks.count == 4)
        #expect(unknown.failedChecks[0].message.hasPrefix("not graded: the answer file cannot be read: unknown question `q9`"))
        #expect(unknown.failedChecks[0].location?.line == 1)
        let garbage = try bench.grade("01-what-a-repository-policy-is", "{[\u{0}")
        #expect(!garbage.passed)
        let withMark = try bench.grade("01-what-a-repository-policy-is", "\u{FEFF}q1: b\r\nq2: a\r\nq3: [a, c, d]\r\nq4: a\r\n")
        #expect(withMark.passed, "a byte order mark and CRLF line ends change nothing")
    }

    // MARK: predict

    @Test func predictIsDecidedByTheEngineNotByTheKey() throws {
        let bench = try GradingBench()
        var pack = bench.pack
        let index = try #require(pack.tasks.firstIndex { $0.id == "03-the-and-rule" })
        // A wrong reference answer changes nothing: the evaluator decides.
        pack.tasks[index].solution.text = pack.tasks[index].solution.text.replacingOccurrences(of: "allow-allow: allow", with: "allow-allow: deny")
        let grader = Grader(pack: pack)
        let right = try bench.solution("03-the-and-rule")
        let result = grader.grade(Submission(text: right, fileName: "work/03.yaml"), for: pack.tasks[index])
        #expect(result.passed)
    }

    @Test func aWrongPredictionIsExplained() throws {
        let bench = try GradingBench()
        let answers = try bench.solution("03-the-and-rule").replacingOccurrences(of: "allow-silent: deny", with: "allow-silent: allow")
        let result = try bench.grade("03-the-and-rule", answers)
        #expect(result.failedIDs == ["scenario:allow-silent"])
        #expect(result.failedChecks[0].message == "`allow-silent`: you answered allow, but it is deny: the repository policy does not allow it for this principal; under the AND rule both sides must allow")
    }

    @Test func decisionStyleRowsNameTheDeny() throws {
        let bench = try GradingBench()
        let answers = try bench.solution("11-explicit-deny-wins").replacingOccurrences(of: "identity-deny: explicitDeny", with: "identity-deny: implicitDeny")
        let result = try bench.grade("11-explicit-deny-wins", answers)
        #expect(result.failedIDs == ["scenario:identity-deny"])
        #expect(result.failedChecks[0].message.contains("but it is explicitDeny: `NoPushAnywhere` in labs/identities/deny-push.json denies it"))
    }

    @Test func theAWSModelTaskDecidesSameAccountRowsByEitherSide() throws {
        let bench = try GradingBench()
        let answers = try bench.solution("13-same-or-cross-account").replacingOccurrences(of: "developer-aws: allow", with: "developer-aws: deny")
        let result = try bench.grade("13-same-or-cross-account", answers)
        #expect(result.failedIDs == ["scenario:developer-aws"])
        #expect(result.failedChecks[0].message.contains("in the same account AWS needs only one side"))
    }

    // MARK: apply

    @Test func applyWithoutAPolicyTellsTheLearnerToApplyIt() throws {
        let result = try GradingBench().grade("12-apply-to-the-repository", "")
        #expect(!result.passed)
        #expect(result.checks.count == 4)
        #expect(result.checks.allSatisfy { $0.message == "apply the policy first: `ecrlab repo set-policy fcj-workshop-app work/04-ci-push-pull.json`" })
    }

    @Test func applyGradesTheAppliedPolicyBySimulatingDocker() throws {
        let bench = try GradingBench()
        let solution = try bench.solution("12-apply-to-the-repository")
        let passed = try bench.grade("12-apply-to-the-repository", "", applied: solution)
        #expect(passed.passed, "\(passed.failedChecks.map(\.message))")
        #expect(passed.check("simulate:fcj-developer:push")?.message == "fcj-developer's push is refused at ecr:BatchCheckLayerAvailability")

        let open = EquivalentPolicyTests.policy("""
            {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "ecr:*"}
            """)
        let tooOpen = try bench.grade("12-apply-to-the-repository", "", applied: open)
        #expect(tooOpen.failedIDs == ["simulate:fcj-developer:push", "simulate:other-account-admin:pull"])
        #expect(tooOpen.failedChecks[0].message.hasPrefix("fcj-developer's push succeeds through `Everyone` (line 4), but must be refused"))

        let pullOnly = solution.replacingOccurrences(of: "        \"ecr:PutImage\",\n", with: "")
        let refused = try bench.grade("12-apply-to-the-repository", "", applied: pullOnly)
        #expect(refused.failedIDs == ["simulate:fcj-ecr-ci-cd-user:push"])
        #expect(refused.failedChecks[0].message.hasPrefix("fcj-ecr-ci-cd-user's push is refused at ecr:PutImage: ecr:PutImage is not in the Action list"))
    }
}
