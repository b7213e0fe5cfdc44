import LabKit
import PolicyCore
import ProgressStore

/// How a grader's verdict is stored: the store keeps its own, smaller vocabulary of severities.
enum StoredChecks {
    static func records(_ result: GradeResult) -> [CheckRecord] {
        result.checks.map { check in
            let message = check.location.map { "\($0): \(check.message)" } ?? check.message
            return CheckRecord(checkId: check.id, passed: check.passed, severity: severity(check.severity), message: message)
        }
    }

    /// A security failure (a policy that grants too much) is as serious as an error.
    static func severity(_ severity: Severity) -> CheckSeverity {
        switch severity {
        case .error, .security: .error
        case .warning: .warning
        case .suggestion: .info
        }
    }

    /// What an attempt is graded on. An apply task's submission is the policy to apply: graded as
    /// if it were applied to the local repository, which is what the learner's own `check` sees.
    static func grade(_ grader: Grader, text: String, fileName: String, task: LabTask) -> GradeResult {
        let submission = Submission(text: text, fileName: fileName)
        return grader.grade(submission, for: task, appliedPolicy: task.kind == .apply ? submission : nil)
    }
}
