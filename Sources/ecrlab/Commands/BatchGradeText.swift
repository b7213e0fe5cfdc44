import Foundation
import LabKit
import Workshop

/// The output of `grade` in each of its formats.
enum BatchGradeText {
    static func render(_ outcome: BatchGradeOutcome, format: GradeFormat) throws -> String {
        switch format {
        case .table: return table(outcome)
        case .csv: return csv(outcome)
        case .json: return try json(outcome)
        case .junit:
            let results = outcome.graded.map { entry in
                var result = entry.result
                result.taskID = "\(entry.learner)/\(entry.result.taskID)"
                return result
            }
            return JUnitRenderer().render(results, name: "ecrlab grade")
        }
    }

    static func table(_ outcome: BatchGradeOutcome) -> String {
        let nameWidth = max(7, outcome.graded.map(\.learner.count).max() ?? 0)
        let taskWidth = max(4, outcome.graded.map(\.result.taskID.count).max() ?? 0)
        var out = ""
        if !outcome.graded.isEmpty {
            out += pad("learner", nameWidth) + "  " + pad("task", taskWidth) + "  verdict     score   recorded\n"
        }
        for entry in outcome.graded {
            let verdict = entry.result.passed ? "passed" : "not passed"
            let score = "\(entry.result.score)/\(entry.result.maxScore)"
            out += pad(entry.learner, nameWidth) + "  " + pad(entry.result.taskID, taskWidth) + "  " + pad(verdict, 10) + "  "
                + pad(score, 6) + "  " + (entry.wasAlreadyRecorded ? "already" : "new") + "\n"
        }
        let passed = outcome.graded.filter(\.result.passed).count
        out += "\(outcome.graded.count) graded (\(passed) passed), \(outcome.newAttempts) new attempt\(outcome.newAttempts == 1 ? "" : "s") recorded, \(outcome.skipped.count) skipped\n"
        return out
    }

    static func csv(_ outcome: BatchGradeOutcome) -> String {
        var out = CSVText.row(["learner", "task", "file", "passed", "score", "maxScore", "recorded", "failedChecks"])
        for entry in outcome.graded {
            out += CSVText.row([
                entry.learner, entry.result.taskID, entry.path, entry.result.passed ? "true" : "false",
                String(entry.result.score), String(entry.result.maxScore), entry.wasAlreadyRecorded ? "already" : "new",
                entry.result.failedChecks.map(\.id).joined(separator: " "),
            ])
        }
        return out
    }

    struct JSONOutput: Encodable {
        struct Graded: Encodable {
            var learner: String
            var task: String
            var file: String
            var passed: Bool
            var score: Int
            var maxScore: Int
            var alreadyRecorded: Bool
            var failedChecks: [Failed]
        }
        struct Failed: Encodable {
            var id: String
            var message: String
            var location: String?
        }
        var graded: [Graded]
        var skipped: [SkippedFile]
    }

    static func json(_ outcome: BatchGradeOutcome) throws -> String {
        let output = JSONOutput(
            graded: outcome.graded.map { entry in
                JSONOutput.Graded(
                    learner: entry.learner, task: entry.result.taskID, file: entry.path, passed: entry.result.passed,
                    score: entry.result.score, maxScore: entry.result.maxScore, alreadyRecorded: entry.wasAlreadyRecorded,
                    failedChecks: entry.result.failedChecks.map { .init(id: $0.id, message: $0.message, location: $0.location?.description) })
            },
            skipped: outcome.skipped)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
