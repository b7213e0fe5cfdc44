import Foundation
import ProgressStore

/// `history`: every attempt of a learner, oldest first, with its verdict, score and feedback.
public enum AttemptHistoryText {
    public static func render(learner: Learner, entries: [AttemptHistoryEntry], task: String?) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        var out = "\(learner.name)"
        if let displayName = learner.displayName { out += " (\(displayName))" }
        out += task.map { ", task \($0)" } ?? ""
        out += ": \(entries.count) attempt\(entries.count == 1 ? "" : "s")\n"
        if entries.isEmpty { out += "  no attempts yet\n" }
        for (number, entry) in entries.enumerated() {
            let attempt = entry.attempt
            let verdict = attempt.passed ? "passed" : "not passed"
            out += "\n#\(number + 1)  \(formatter.string(from: attempt.submittedAt)) UTC  \(attempt.taskId)  \(verdict)  "
            out += "\(attempt.score)/\(attempt.maxScore)  (\(attempt.origin.rawValue))\n"
            let failed = entry.checkResults.filter { !$0.passed }
            if failed.isEmpty {
                out += "    all \(entry.checkResults.count) checks passed\n"
            }
            for check in failed {
                out += "    ✗ \(check.checkId): \(check.message.replacingOccurrences(of: "\n", with: " "))\n"
            }
        }
        return out
    }
}
