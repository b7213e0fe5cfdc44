import Foundation
import Mustache

/// The class report as one self-contained HTML file: inline CSS, no scripts, no network. Every
/// learner-supplied string goes through Mustache's `{{ }}`, which escapes it.
public enum ClassOverviewHTML {
    public static func render(_ overview: ClassOverview) throws -> String {
        let template = try MustacheTemplate(string: ClassOverviewTemplate.text)
        return template.render(context(overview))
    }

    static func context(_ overview: ClassOverview) -> [String: Any] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        let learnerCount = overview.learners.count
        let passedEverything = overview.learners.filter { $0.passedCount == overview.tasks.count }.count
        // Absent keys, not nil or "", make a Mustache section false: `nil` would print and "" counts as true.
        var context: [String: Any] = [
            "title": overview.title,
            "generated": formatter.string(from: overview.generatedAt) + " UTC",
            "learnerCount": learnerCount,
            "taskCount": overview.tasks.count,
            "passedEverything": passedEverything,
            "stuckCount": overview.stuck.count,
            "notStartedCount": overview.notStarted.count,
            "tasks": overview.tasks.map { ["id": $0.id, "label": $0.label, "title": $0.title] },
            "learners": overview.learners.map { row -> [String: Any] in
                var line: [String: Any] = [
                    "name": row.name, "passed": row.passedCount,
                    "cells": row.cells.map { cell(for: $0, learner: row.name) },
                ]
                if let displayName = row.displayName { line["displayName"] = displayName }
                return line
            },
            "hasLearners": learnerCount > 0,
            "objectives": overview.objectives.map { line -> [String: Any] in
                let percent = Int((line.share * 100).rounded())
                return ["id": line.id, "text": line.text, "percent": percent, "mastered": line.masteredCount,
                        "learners": line.learnerCount, "tasks": line.taskIds.joined(separator: ", ")]
            },
            "mistakes": overview.commonMistakes.map { mistake -> [String: Any] in
                ["task": mistake.taskId, "check": mistake.checkId, "learners": mistake.learnerCount,
                 "occurrences": mistake.occurrences, "message": mistake.exampleMessage, "example": mistake.exampleLearner]
            },
            "hasMistakes": !overview.commonMistakes.isEmpty,
            "stuck": overview.stuck.map { ["learner": $0.learner, "task": $0.taskId, "attempts": $0.attempts, "hints": $0.hintsUsed] },
            "hasStuck": !overview.stuck.isEmpty,
            "notStarted": overview.notStarted.map { ["name": $0] },
            "hasNotStarted": !overview.notStarted.isEmpty,
        ]
        if let group = overview.group { context["group"] = group }
        return context
    }

    /// Heat: passed is green, attempts without a pass shade from yellow to red as they pile up.
    private static func cell(for cell: ClassOverview.Cell, learner: String) -> [String: Any] {
        var result = heat(cell, learner: learner)
        if cell.hintsUsed > 0 { result["hints"] = "\(cell.hintsUsed)" }
        return result
    }

    private static func heat(_ cell: ClassOverview.Cell, learner: String) -> [String: Any] {
        let hints = cell.hintsUsed > 0 ? ", \(cell.hintsUsed) hint\(cell.hintsUsed == 1 ? "" : "s")" : ""
        switch cell.state {
        case .passed:
            return ["css": "pass", "text": "✓",
                    "tip": "\(learner) · \(cell.taskId): passed after \(cell.attempts) attempt\(cell.attempts == 1 ? "" : "s")\(hints)"]
        case .attempted:
            let heat = min(cell.attempts, 4)
            return ["css": "try\(heat)", "text": "\(cell.attempts)",
                    "tip": "\(learner) · \(cell.taskId): \(cell.attempts) attempt\(cell.attempts == 1 ? "" : "s"), not passed\(hints)"]
        case .notStarted:
            return ["css": "none", "text": "",
                    "tip": "\(learner) · \(cell.taskId): not started\(hints)"]
        }
    }
}
