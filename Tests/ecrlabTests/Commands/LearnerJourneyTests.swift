import Foundation
import LabKit
import ProgressStore
import Testing

/// A learner takes the whole pack with the built binary, the way the workshop runs: start, a wrong
/// attempt, the right one, next; then status, list, hints and the database tell the same story.
@Suite struct LearnerJourneyTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let labs = packageRoot.appendingPathComponent("labs").path

    let workspace: TemporaryWorkspace
    let environment: [String: String]

    init() throws {
        workspace = try TemporaryWorkspace()
        environment = ["ECRLAB_LEARNER": "journey", "ECRLAB_DB": "", "NO_COLOR": "1"]
    }

    func run(_ arguments: [String]) throws -> CommandResult {
        try workspace.run(arguments + ["--labs", Self.labs, "--db", "progress/journey.sqlite"], environment: environment)
    }

    @Test func aLearnerSolvesTheWholePackStepByStep() throws {
        let pack = try LabPack.load(from: URL(fileURLWithPath: Self.labs))
        let first = try run([])
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.contains("current task: \(pack.tasks[0].id)"))
        #expect(first.stdout.contains("`ecrlab start`"))

        for (index, task) in pack.tasks.enumerated() {
            let start = try run(["start"])
            #expect(start.exitCode == 0, "start \(task.id): \(start.stderr)")
            #expect(start.stdout.contains(task.title), "start shows \(task.id)")
            if index < 3 {
                let hint = try run(["hint"])
                #expect(hint.exitCode == 0)
                #expect(hint.stdout.contains("hint 1/\(task.hints.count) for \(task.id)"))
            }

            // The wrong attempt first: the untouched starter, or nothing applied yet.
            let wrong = try run(["check"])
            #expect(wrong.exitCode == 1, "the starter of \(task.id) must not pass: \(wrong.stdout)")
            let early = try run(["next"])
            #expect(early.exitCode == 1, "next moved on from \(task.id) before a pass")

            let solution = Self.packageRoot.appendingPathComponent(task.solution.path).path
            if task.kind == .apply {
                let applied = try run(["repo", "set-policy", "fcj-workshop-app", solution])
                #expect(applied.exitCode == 0, "set-policy: \(applied.stderr)")
                let push = try run(["simulate", "push", "--as", "fcj-ecr-ci-cd-user"])
                #expect(push.exitCode == 0, "\(push.stdout)\(push.stderr)")
                let refused = try run(["simulate", "push", "--as", "fcj-developer"])
                #expect(refused.exitCode == 1)
            } else {
                let work = try #require(FileManager.default.contentsOfDirectory(atPath: workspace.url.appendingPathComponent("work").path)
                    .first { $0.hasPrefix(task.id + ".") })
                try workspace.write(try String(contentsOfFile: solution, encoding: .utf8), to: "work/\(work)")
            }
            let right = try run(["check"])
            #expect(right.exitCode == 0, "the solution of \(task.id) must pass: \(right.stdout)")
            #expect(right.stderr.contains(index + 1 < pack.tasks.count ? "ecrlab next" : "last task"))

            let next = try run(["next"])
            #expect(next.exitCode == 0, "\(next.stderr)")
        }

        let status = try run(["status"])
        #expect(status.stdout.contains("[\(String(repeating: "#", count: pack.tasks.count))] \(pack.tasks.count)/\(pack.tasks.count) passed"))
        #expect(status.stdout.contains("every task is passed"))
        let list = try run(["list"])
        #expect(list.exitCode == 0)
        for task in pack.tasks {
            #expect(list.stdout.contains("\(task.id)  passed") || list.stdout.contains("\(task.id) passed")
                || list.stdout.split(separator: "\n").contains { $0.contains(task.id) && $0.hasSuffix("passed") },
                "\(task.id) listed as passed")
        }

        let database = try ProgressDatabase(path: workspace.url.appendingPathComponent("progress/journey.sqlite").path)
        let learner = try #require(try database.existingLearner(named: "journey"))
        let states = try database.taskStates(learner: learner.id)
        for (index, task) in pack.tasks.enumerated() {
            let state = try #require(states[task.id], "\(task.id) has a record")
            #expect(state.passed)
            #expect(state.attemptCount == 2, "\(task.id): one wrong, one right")
            #expect(state.hintsUsed == (index < 3 ? 1 : 0))
            let attempts = try database.attempts(learner: learner.id, task: task.id)
            #expect(attempts.map(\.passed) == [false, true])
            #expect(attempts.allSatisfy { $0.origin == .local })
            #expect(!(try database.checkResults(attempt: attempts[0].id)).isEmpty)
        }
        #expect(try database.setting(.currentTask, learner: learner.id) == pack.tasks.last?.id)
        let events = try database.policyEvents(RepositoryKey(name: "fcj-workshop-app", account: "111122223333", region: "us-east-1"))
        #expect(events.map(\.action) == [.set])
    }

    @Test func theFirstRunInAFreshFolderNeedsNothingSetUp() throws {
        let result = try workspace.run([], environment: ["ECRLAB_LEARNER": "newcomer"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[-------------] 0/13 passed"))
        #expect(workspace.exists("progress/ecrlab.sqlite"))
        let start = try workspace.run(["start"], environment: ["ECRLAB_LEARNER": "newcomer"])
        #expect(start.exitCode == 0)
        #expect(workspace.exists("work/01-what-a-repository-policy-is.yaml"))
    }

    @Test func resetWithoutATerminalNeedsYes() throws {
        _ = try run(["start", "4"])
        try workspace.write("{}", to: "work/04-ci-push-pull.json")
        let refused = try run(["reset"])
        #expect(refused.exitCode == 64)
        #expect(refused.stderr.contains("--yes"))
        #expect(try workspace.read("work/04-ci-push-pull.json") == "{}")
        let reset = try run(["reset", "--yes"])
        #expect(reset.exitCode == 0)
        #expect(try workspace.read("work/04-ci-push-pull.json") != "{}")
    }

    @Test func hintsRunOutAndSayHowManyRemain() throws {
        let texts = try (1...4).map { _ in try run(["hint", "4"]).stdout }
        #expect(texts[0].contains("2 hints left"))
        #expect(texts[1].contains("1 hint left"))
        #expect(texts[2].contains("no hints left"))
        #expect(texts[3].contains("hint 3/3") && texts[3].contains("that was the last hint"))
    }

    @Test func aLockOutPolicyNeedsForce() throws {
        try workspace.write(#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"ecr:*"}]}"#, to: "deny.json")
        let refused = try run(["repo", "set-policy", "fcj-workshop-app", "deny.json"])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("--force"))
        #expect(try run(["repo", "get-policy", "fcj-workshop-app"]).exitCode == 1)
        #expect(try run(["repo", "set-policy", "fcj-workshop-app", "deny.json", "--force"]).exitCode == 0)
        #expect(try run(["repo", "delete-policy", "fcj-workshop-app"]).exitCode == 0)
    }

    @Test func anInvalidPolicyIsRefusedWithECRsWords() throws {
        try workspace.write(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:Nope"}]}"#, to: "bad.json")
        let refused = try run(["repo", "set-policy", "fcj-workshop-app", "bad.json"])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'"))
        #expect(refused.stderr.contains("bad.json:1:"))
    }
}
