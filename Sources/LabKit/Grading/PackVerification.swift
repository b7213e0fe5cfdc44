import PolicyCore

/// What `ecrlab labs verify` checks: each solution passes its task (for the default account and for a
/// learner with their own), each starter fails it, and every lab-owned policy lints without errors.
/// Hints and instructions are checked by the loader: a pack that loads has them all.
public struct PackVerification: Sendable {
    public struct TaskReport: Sendable {
        public var taskID: String
        /// The solution graded as a learner's submission (applied, for an apply task).
        public var solution: GradeResult
        /// The starter graded as is (for an apply task: with no policy applied); nil when there is none.
        public var starter: GradeResult?
        /// Everything wrong with the task, one line each; empty when it verifies.
        public var problems: [String]
        public var passed: Bool { problems.isEmpty }
    }

    /// Problems in files no single task owns (identity and repository policies).
    public var packProblems: [String]
    public var tasks: [TaskReport]
    public var passed: Bool { packProblems.isEmpty && tasks.allSatisfy(\.passed) }

    /// An account id no pack uses, standing for a learner who set their own: solutions re-targeted at it
    /// must pass too, or the pack relies on the default account somewhere it should not.
    public static let otherLearnerAccount = "123456789012"

    public static func verify(_ pack: LabPack) -> PackVerification {
        var packProblems: [String] = []
        for (kind, files) in [(PolicyKind.identity, pack.identityPolicies), (.repository, pack.repositoryPolicies)] {
            for file in files.values.sorted(by: { $0.path < $1.path }) {
                packProblems += lintErrors(file.text, name: file.path, kind: kind)
            }
        }
        return PackVerification(packProblems: packProblems, tasks: pack.tasks.map { verify($0, in: pack) })
    }

    static func verify(_ task: LabTask, in pack: LabPack) -> TaskReport {
        let grader = Grader(pack: pack)
        let solution = Submission(text: task.solution.text, fileName: task.solution.path)
        let isApply = task.kind == .apply
        let solved = grader.grade(solution, for: task, appliedPolicy: isApply ? solution : nil)
        var problems: [String] = []
        for check in solved.failedChecks {
            problems.append("the solution fails `\(check.id)`: \(check.message)")
        }
        if problems.isEmpty, !pack.reservedAccounts.contains(otherLearnerAccount) {
            let environment = pack.environment(account: otherLearnerAccount)
            let retargeted = Submission(text: environment.retarget(policyText: solution.text), fileName: solution.fileName)
            let result = Grader(pack: pack, environment: environment)
                .grade(retargeted, for: task, appliedPolicy: isApply ? retargeted : nil)
            for check in result.failedChecks {
                problems.append("for a learner with account \(otherLearnerAccount), the solution fails `\(check.id)`: \(check.message)")
            }
        }
        var starter: GradeResult?
        if isApply {
            starter = grader.grade(Submission(text: "", fileName: "-"), for: task, appliedPolicy: nil)
        } else if let file = task.starter {
            starter = grader.grade(Submission(text: file.text, fileName: file.path), for: task)
        }
        if let starter, starter.passed {
            problems.append(isApply ? "the task passes with no policy applied" : "the starter `\(task.starter?.path ?? "")` already passes")
        }
        if case .policy(let check) = task.check {
            problems += lintErrors(task.solution.text, name: task.solution.path, kind: check.policyKind == .identity ? .identity : .repository)
        } else if isApply {
            problems += lintErrors(task.solution.text, name: task.solution.path, kind: .repository)
        }
        return TaskReport(taskID: task.id, solution: solved, starter: starter, problems: problems)
    }

    private static func lintErrors(_ text: String, name: String, kind: PolicyKind) -> [String] {
        Linter().lint(ParsedPolicy(name: name, text: text), kind: kind).findings.filter { $0.severity == .error }.map {
            "\(name):\($0.range.start.line):\($0.range.start.column): \($0.message)"
        }
    }
}
