import Foundation
import LabKit
import Workshop

/// On a terminal, `check` on a quiz or predict task whose answers are not all written asks for them.
enum QuizPrompt {
    /// The learner's choices, one per question or scenario; nil when there is nothing to ask.
    static func askIfUnanswered(_ task: LabTask, session: LearnerSession, console: Console) throws -> [String]? {
        let existing = try? session.workSubmission(for: task)
        switch task.check {
        case .quiz(let check):
            if let existing, case .success(let answers) = AnswerSheet.quizAnswers(existing.text, file: existing.fileName, for: check),
               answers.unanswered.isEmpty { return nil }
            var choices: [String] = []
            for (index, question) in check.questions.enumerated() {
                var text = "\n" + console.emphasis("\(index + 1). \(question.text)") + "\n"
                for choice in question.choices { text += "   \(choice.id)) \(choice.text)\n" }
                console.write(text)
                let ids = question.choices.map(\.id)
                let how = question.selection == .multiple ? "one or more of \(ids.joined(separator: ", ")), e.g. a,c" : ids.joined(separator: "/")
                guard let answer = ask("your answer (\(how)): ", valid: { reply in
                    let parts = reply.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    return !parts.isEmpty && parts.allSatisfy(ids.contains) && (question.selection == .multiple || parts.count == 1)
                }) else { return nil }
                choices.append(answer)
            }
            return choices
        case .predict(let check):
            if let existing, case .success(let answers) = AnswerSheet.predictAnswers(existing.text, file: existing.fileName, for: check),
               answers.unanswered.isEmpty { return nil }
            let words = check.answerStyle == .allowDeny ? ["allow", "deny"] : ["allow", "explicitDeny", "implicitDeny"]
            var choices: [String] = []
            for (index, scenario) in check.scenarios.enumerated() {
                console.write("\n" + console.emphasis("\(index + 1). \(session.pack.environment().expand(scenario.text))") + "\n")
                guard let answer = ask("\(words.joined(separator: "/")): ", valid: words.contains) else { return nil }
                choices.append(answer)
            }
            return choices
        default:
            return nil
        }
    }

    /// Asks until the reply is valid; nil at end of input.
    private static func ask(_ prompt: String, valid: (String) -> Bool) -> String? {
        while true {
            FileHandle.standardOutput.write(Data(prompt.utf8))
            guard let line = readLine() else { return nil }
            let reply = line.trimmingCharacters(in: .whitespaces)
            if valid(reply) { return reply }
        }
    }
}
