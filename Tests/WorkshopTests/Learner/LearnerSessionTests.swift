import Foundation
import LabKit
import ProgressStore
import Testing
@testable import Workshop

@Suite struct LearnerSessionTests {
    @Test func aNewLearnerStartsAtTheFirstTask() throws {
        let fixture = try LearnerFixture()
        #expect(try fixture.session.currentTask().id == fixture.pack.tasks[0].id)
        let progress = try fixture.session.progress()
        #expect(progress.passedCount == 0)
        #expect(progress.bar == "[" + String(repeating: "-", count: fixture.pack.tasks.count) + "]")
    }

    @Test func startWritesTheStarterButNeverOverwritesWork() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("4")
        let first = try fixture.session.start(task)
        #expect(first.wroteStarter)
        let file = try #require(first.workFile)
        #expect(try String(contentsOf: file, encoding: .utf8) == task.starter?.text)
        try "my own work".write(to: file, atomically: true, encoding: .utf8)
        let second = try fixture.session.start(task)
        #expect(!second.wroteStarter)
        #expect(try String(contentsOf: file, encoding: .utf8) == "my own work")
        #expect(try fixture.session.currentTask().id == task.id)
    }

    @Test func startFillsInTheLearnersAccount() throws {
        let fixture = try LearnerFixture()
        try fixture.session.setAccount("123456789012")
        let started = try fixture.session.start(try fixture.task("4"))
        #expect(started.instructions.contains("arn:aws:iam::123456789012:user/fcj-ecr-ci-cd-user"))
        #expect(!started.instructions.contains("{account}"))
    }

    @Test func theLabsOtherAccountIsNotTheLearners() throws {
        let fixture = try LearnerFixture()
        #expect(throws: LearnerError.reservedAccount("444455556666")) { try fixture.session.setAccount("444455556666") }
        #expect(throws: LearnerError.invalidAccount("12345")) { try fixture.session.setAccount("12345") }
    }

    @Test func checkRecordsEveryAttemptWithItsChecks() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("4")
        _ = try fixture.session.start(task)
        let wrong = try fixture.session.check(task)
        #expect(!wrong.result.passed)
        #expect(wrong.nextTask == nil)
        let right = try fixture.session.check(task, submission: try fixture.solution("4"))
        #expect(right.result.passed)
        #expect(right.nextTask?.id == "05-ci-identity-policy")
        let attempts = try fixture.database.attempts(learner: fixture.session.learner.id, task: task.id)
        #expect(attempts.map(\.passed) == [false, true])
        #expect(attempts.allSatisfy { $0.origin == .local })
        let checks = try fixture.database.checkResults(attempt: try #require(attempts.first).id)
        #expect(checks.count == wrong.result.checks.count)
        _ = try fixture.session.check(task, record: false)
        #expect(try fixture.database.attempts(learner: fixture.session.learner.id, task: task.id).count == 2)
    }

    @Test func checkWithoutAWorkFileSaysToStart() throws {
        let fixture = try LearnerFixture()
        #expect(throws: LearnerError.noWorkFile(task: "04-ci-push-pull", path: "work/04-ci-push-pull.json")) {
            try fixture.session.check(try fixture.task("4"))
        }
    }

    @Test func nextMovesOnlyAfterAPass() throws {
        let fixture = try LearnerFixture()
        let first = fixture.pack.tasks[0]
        guard case .notPassed(let stuck) = try fixture.session.next() else {
            Issue.record("moved on without a pass")
            return
        }
        #expect(stuck.id == first.id)
        _ = try fixture.session.check(first, submission: Submission(text: first.solution.text, fileName: "answers"))
        #expect(try fixture.session.currentTask().id == first.id, "a pass alone must not move the learner")
        guard case .moved(let next) = try fixture.session.next() else {
            Issue.record("did not move after a pass")
            return
        }
        #expect(next.id == fixture.pack.tasks[1].id)
        #expect(try fixture.session.currentTask().id == next.id)
    }

    @Test func nextAfterTheLastPassedTaskFinishes() throws {
        let fixture = try LearnerFixture()
        let last = try #require(fixture.pack.tasks.last)
        _ = try fixture.session.start(last)
        _ = try fixture.session.check(last, submission: Submission(text: last.solution.text, fileName: "answers"))
        guard case .finished = try fixture.session.next() else {
            Issue.record("expected the end of the pack")
            return
        }
    }

    @Test func hintsComeOneAtATimeAndAreRecorded() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("4")
        let count = task.hints.count
        #expect(count >= 2)
        var levels: [Int] = []
        for _ in 0..<(count + 1) {
            let hint = try fixture.session.hint(task)
            levels.append(hint.level)
            #expect(hint.remaining == count - hint.level)
            #expect(!hint.text.isEmpty)
        }
        #expect(levels == Array(1...count) + [count])
        #expect(try fixture.database.hintsUsed(learner: fixture.session.learner.id, task: task.id) == count)
        #expect(try fixture.session.hint(task).repeated)
        #expect(try fixture.session.progress().rows.first { $0.task.id == task.id }?.state.hintsUsed == count)
    }

    @Test func theSolutionOpensOnlyAfterAPassOrForAnInstructor() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("4")
        #expect(throws: LearnerError.solutionLocked(task: task.id)) { try fixture.session.solution(task) }
        #expect(try fixture.session.solution(task, instructor: true).text == task.solution.text)
        _ = try fixture.session.check(task, submission: try fixture.solution("4"))
        #expect(try fixture.session.solution(task).text == task.solution.text)
    }

    @Test func resetPutsTheStarterBack() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("4")
        let file = try #require(try fixture.session.start(task).workFile)
        try "edited".write(to: file, atomically: true, encoding: .utf8)
        try fixture.session.reset(task)
        #expect(try String(contentsOf: file, encoding: .utf8) == task.starter?.text)
        #expect(throws: LearnerError.noStarter(task: "12-apply-to-the-repository")) { try fixture.session.reset(try fixture.task("12")) }
    }

    @Test func answersBecomeAnAnswerSheetThatIsGraded() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("1")
        #expect(try fixture.session.answerSheet(task, choices: ["b", "a", "a,c,d", "a"]) == "q1: b\nq2: a\nq3: [a, c, d]\nq4: a\n")
        #expect(try fixture.session.answerSheet(task, choices: ["q3=a,c,d", "b", "a", "a"]) == "q1: b\nq2: a\nq3: [a, c, d]\nq4: a\n")
        #expect(throws: LearnerError.self) { try fixture.session.answerSheet(task, choices: ["b"]) }
        #expect(throws: LearnerError.notAnAnswerTask(task: "04-ci-push-pull")) { try fixture.session.answerSheet(try fixture.task("4"), choices: []) }
        let checked = try fixture.session.answer(task, choices: ["b", "a", "a,c,d", "a"])
        #expect(checked.result.passed)
        let predict = try fixture.task("3")
        let wrong = try fixture.session.answer(predict, choices: Array(repeating: "allow", count: 10))
        #expect(!wrong.result.passed)
    }
}
