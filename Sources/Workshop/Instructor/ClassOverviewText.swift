import Foundation

/// The class report for a terminal, as CSV (a gradebook) and as JSON.
public enum ClassOverviewText {
    /// `✓` passed, `✗3` three attempts and no pass, `·` not started; `+2h` two hints taken.
    public static func table(_ overview: ClassOverview) -> String {
        var out = "\(overview.title): class report"
        if let group = overview.group { out += " (group \(group))" }
        out += ", \(overview.learners.count) learner\(overview.learners.count == 1 ? "" : "s")\n\n"
        let nameWidth = max(7, overview.learners.map { $0.name.count }.max() ?? 0)
        func cellText(_ cell: ClassOverview.Cell) -> String {
            var text: String
            switch cell.state {
            case .passed: text = "✓"
            case .attempted: text = "✗\(cell.attempts)"
            case .notStarted: text = "·"
            }
            if cell.hintsUsed > 0 { text += "+\(cell.hintsUsed)h" }
            return text
        }
        let widths = overview.tasks.map { max($0.label.count, 5) }
        out += pad("learner", nameWidth)
        for (task, width) in zip(overview.tasks, widths) { out += " " + pad(task.label, width) }
        out += " passed\n"
        for row in overview.learners {
            out += pad(row.name, nameWidth)
            for (cell, width) in zip(row.cells, widths) { out += " " + pad(cellText(cell), width) }
            out += " \(row.passedCount)/\(overview.tasks.count)\n"
        }
        out += "\n✓ passed  ✗N attempted N times, not passed  · not started  +Nh hints taken\n"

        out += "\nMastery per objective (learners who passed every task of it)\n"
        for objective in overview.objectives {
            let percent = Int((objective.share * 100).rounded())
            let bar = String(repeating: "█", count: percent / 5) + String(repeating: "░", count: 20 - percent / 5)
            out += "  \(pad(objective.id, 10)) \(bar) \(pad("\(percent)%", 4)) \(objective.masteredCount)/\(objective.learnerCount)\n"
        }

        out += "\nMost common failed checks\n"
        if overview.commonMistakes.isEmpty { out += "  none\n" }
        for mistake in overview.commonMistakes {
            out += "  \(mistake.learnerCount) learner\(mistake.learnerCount == 1 ? "" : "s")  \(mistake.taskId)  \(mistake.checkId)\n"
            out += "      e.g. \(mistake.exampleLearner): \(oneLine(mistake.exampleMessage))\n"
        }

        out += "\nStuck (\(ClassOverview.stuckAttempts)+ attempts, no pass)\n"
        if overview.stuck.isEmpty { out += "  nobody\n" }
        for entry in overview.stuck {
            out += "  \(entry.learner)  \(entry.taskId)  \(entry.attempts) attempts, \(entry.hintsUsed) hint\(entry.hintsUsed == 1 ? "" : "s")\n"
        }
        out += "\nNot started\n  " + (overview.notStarted.isEmpty ? "nobody" : overview.notStarted.joined(separator: ", ")) + "\n"
        return out
    }

    /// A gradebook: one row per learner, the best score of each task, then tasks passed, score and total.
    public static func csv(_ overview: ClassOverview) -> String {
        var out = CSVText.row(["learner", "display name", "email", "group"] + overview.tasks.map(\.id) + ["passed", "score", "total"])
        let total = String(overview.totalPoints)
        for row in overview.learners {
            out += CSVText.row([row.name, row.displayName ?? "", row.email ?? "", row.group ?? ""]
                + row.cells.map { $0.bestScore.map(String.init) ?? "" }
                + [String(row.passedCount), String(row.score), total])
        }
        return out
    }

    public static func json(_ overview: ClassOverview) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(overview), as: UTF8.self) + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
