import PolicyCore

/// Grades submissions against the tasks of a lab pack. Stateless and deterministic: the same pack,
/// account and submission always give the same checks in the same order.
///
/// Policies are graded on their meaning: every expected grant and every other (principal, ECR action,
/// repository) request is decided by the evaluator, so any policy that decides the same way passes,
/// however its statements are written.
public struct Grader: Sendable {
    public let pack: LabPack
    /// The learner's account: lab-owned policies and principal ARNs are re-targeted at it.
    public let environment: LabEnvironment
    private let memo = GradingMemo()

    public init(pack: LabPack, environment: LabEnvironment? = nil) {
        self.pack = pack
        self.environment = environment ?? pack.environment()
    }

    /// Grades `submission` for `task`. `appliedPolicy` is the policy currently applied to the local
    /// repository; only `apply` tasks read it (and fail, saying so, without it).
    public func grade(_ submission: Submission, for task: LabTask, appliedPolicy: Submission? = nil) -> GradeResult {
        let world = LabWorld(pack: pack, task: task, environment: environment, memo: memo)
        var checks: [CheckOutcome]
        switch task.check {
        case .policy(let check):
            checks = PolicyGrader(world: world, check: check).grade(submission)
        case .quiz(let check):
            checks = QuizGrader(check: check).grade(submission.withoutByteOrderMark)
        case .predict(let check):
            checks = PredictGrader(world: world, check: check).grade(submission.withoutByteOrderMark)
        case .apply(let check):
            checks = ApplyGrader(world: world, check: check).grade(appliedPolicy)
        }
        checks = world.labProblems.checks + checks
        return GradeResult(taskID: task.id, checks: checks)
    }

    /// Grades a task given its id or number (`4`, `04`, `04-ci-push-pull`); nil when no task matches.
    public func grade(_ submission: Submission, forTask reference: String, appliedPolicy: Submission? = nil) -> GradeResult? {
        pack.task(matching: reference).map { grade(submission, for: $0, appliedPolicy: appliedPolicy) }
    }
}

extension LabPack {
    /// A task by its full id, or by its number as learners type it: `4`, `04` → `04-ci-push-pull`.
    public func task(matching reference: String) -> LabTask? {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let exact = task(trimmed) { return exact }
        guard let number = Int(trimmed), !trimmed.isEmpty, trimmed.allSatisfy(\.isNumber) else { return nil }
        return tasks.first { task in
            let prefix = task.id.prefix { $0.isNumber }
            return !prefix.isEmpty && Int(prefix) == number
        }
    }
}

extension Submission {
    /// Editors on Windows often start a file with a byte order mark; the YAML reader takes it for content.
    var withoutByteOrderMark: Submission {
        guard text.unicodeScalars.first == "\u{FEFF}" else { return self }
        return Submission(text: String(text.unicodeScalars.dropFirst()), fileName: fileName)
    }
}
