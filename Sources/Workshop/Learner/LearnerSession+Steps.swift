import Foundation
import LabKit
import PolicyCore
import ProgressStore

extension LearnerSession {
    public struct Checked: Sendable {
        public var task: LabTask
        public var result: GradeResult
        /// The recorded attempt; nil with `record: false`.
        public var attempt: Attempt?
        /// What comes after this task, when it passed and is not the last.
        public var nextTask: LabTask?
    }

    /// Grades `submission` (the task's work file when nil) with the policy applied to the local
    /// repository, and records the attempt with its checks in one transaction.
    /// `account` overrides the learner's account id for this one grading.
    public func check(_ task: LabTask, submission: Submission? = nil, record: Bool = true, account: String? = nil) throws -> Checked {
        let submission = try submission ?? (task.kind == .apply ? Submission(text: "", fileName: "-") : workSubmission(for: task))
        let environment = try account.map { pack.environment(account: $0) } ?? environment()
        var applied: Submission?
        if case .apply(let check) = task.check {
            let key = RepositoryKey(name: check.repository, account: environment.account, region: environment.region)
            applied = try database.repositoryPolicy(key).map { Submission(text: $0, fileName: "\(check.repository) (applied policy)") }
        }
        let result = Grader(pack: pack, environment: environment).grade(submission, for: task, appliedPolicy: applied)
        var attempt: Attempt?
        if record {
            let source = task.kind == .apply ? (applied?.text ?? "") : submission.text
            let draft = AttemptDraft(learnerId: learner.id, taskId: task.id, source: source, passed: result.passed,
                                     score: result.score, maxScore: result.maxScore, origin: .local)
            attempt = try database.recordAttempt(draft, checks: Self.recordedChecks(result)).attempt
        }
        return Checked(task: task, result: result, attempt: attempt, nextTask: result.passed ? self.task(after: task) : nil)
    }

    static func recordedChecks(_ result: GradeResult) -> [CheckRecord] {
        result.checks.map { check in
            let severity: CheckSeverity
            switch check.severity {
            case .error, .security: severity = .error
            case .warning: severity = .warning
            case .suggestion: severity = .info
            }
            let message = check.location.map { "\($0): \(check.message)" } ?? check.message
            return CheckRecord(checkId: check.id, passed: check.passed, severity: severity, message: message)
        }
    }

    // MARK: - Hints

    public struct Hint: Sendable {
        /// 1 for the first hint; 0 when the task has none.
        public var level: Int
        public var text: String
        public var remaining: Int
        /// True when the last hint was already shown and is shown again without being recorded.
        public var repeated: Bool
    }

    /// The next hint of the task, recorded; after the last one, the last one again.
    public func hint(_ task: LabTask) throws -> Hint {
        let available = task.hints.count
        guard available > 0 else { return Hint(level: 0, text: "", remaining: 0, repeated: false) }
        let before = try database.hintsUsed(learner: learner.id, task: task.id)
        let level = try database.recordHint(learner: learner.id, task: task.id, available: available)
        let text = try environment().expand(task.hints[level - 1].text)
        return Hint(level: level, text: text, remaining: available - level, repeated: before >= available)
    }

    // MARK: - Answers

    /// The answer file for a quiz or predict task from one choice per question or scenario, in order:
    /// `b`, `a,c` for several choices, `allow`/`deny` for a prediction. Also accepts `q1=b`.
    public func answerSheet(_ task: LabTask, choices: [String]) throws -> String {
        let ids: [String]
        switch task.check {
        case .quiz(let check): ids = check.questions.map(\.id)
        case .predict(let check): ids = check.scenarios.map(\.id)
        default: throw LearnerError.notAnAnswerTask(task: task.id)
        }
        var answers: [String: String] = [:]
        var positional: [String] = []
        for choice in choices {
            if let equals = choice.firstIndex(of: "="), ids.contains(String(choice[..<equals])) {
                answers[String(choice[..<equals])] = String(choice[choice.index(after: equals)...])
            } else {
                positional.append(choice)
            }
        }
        let open = ids.filter { answers[$0] == nil }
        guard positional.count == open.count else {
            throw LearnerError.wrongAnswerCount(task: task.id, expected: ids.count, given: choices.count, ids: ids)
        }
        for (id, choice) in zip(open, positional) { answers[id] = choice }
        let multiple: Set<String>
        if case .quiz(let check) = task.check {
            multiple = Set(check.questions.filter { $0.selection == .multiple }.map(\.id))
        } else {
            multiple = []
        }
        return ids.map { id in
            let parts = answers[id, default: ""].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let value = multiple.contains(id) ? "[\(parts.joined(separator: ", "))]" : parts.joined(separator: ", ")
            return "\(id): \(value)\n"
        }.joined()
    }

    /// Writes the answers into the task's work file and checks them.
    public func answer(_ task: LabTask, choices: [String], record: Bool = true) throws -> Checked {
        let text = try answerSheet(task, choices: choices)
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        let file = workFile(for: task)
        try Data(text.utf8).write(to: file, options: .atomic)
        return try check(task, submission: Submission(text: text, fileName: displayPath(file)), record: record)
    }

    // MARK: - Moving on

    public enum Advance: Sendable {
        case moved(to: LabTask)
        /// The current task is passed and was the last one.
        case finished
        case notPassed(LabTask)
    }

    /// Moves to the task after the current one, only when the current one is passed.
    public func next() throws -> Advance {
        let current = try currentTask()
        guard try state(of: current).passed else { return .notPassed(current) }
        guard let following = task(after: current) else { return .finished }
        try database.setSetting(.currentTask, to: following.id, learner: learner.id)
        return .moved(to: following)
    }

    public struct Solution: Sendable {
        public var text: String
        public var explanation: String?
    }

    /// The reference answer, once the task is passed (or for an instructor).
    public func solution(_ task: LabTask, instructor: Bool = false) throws -> Solution {
        let passed = try state(of: task).passed
        guard instructor || passed else { throw LearnerError.solutionLocked(task: task.id) }
        let environment = try environment()
        let text = task.solution.fileExtension == "json" ? environment.retarget(policyText: task.solution.text) : task.solution.text
        return Solution(text: text, explanation: task.explanation.map { environment.expand($0.text) })
    }
}
