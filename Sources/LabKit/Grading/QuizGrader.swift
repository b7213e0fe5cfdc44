/// Grades a quiz answer sheet against the key in `solutions/`, one check per question.
struct QuizGrader {
    let check: QuizCheck

    func grade(_ submission: Submission) -> [CheckOutcome] {
        switch AnswerSheet.quizAnswers(submission.text, file: submission.fileName, for: check) {
        case .failure(let error):
            return AnswerSheetProblem.checks(error, ids: check.questions.map { "question:\($0.id)" })
        case .success(let answers):
            return check.questions.map { grade($0, picked: answers.choices[$0.id]) }
        }
    }

    private func grade(_ question: QuizQuestion, picked: Set<String>?) -> CheckOutcome {
        let id = "question:\(question.id)"
        let key = check.key[question.id] ?? []
        guard let picked, !picked.isEmpty else {
            let choices = Wording.list(question.choices.map(\.id)).replacingOccurrences(of: " and ", with: " or ")
            let how = question.selection == .single
                ? "write `\(question.id): ` and one of \(choices)"
                : "write `\(question.id): [...]` with every choice that applies (\(choices))"
            return CheckOutcome(id: id, passed: false, message: "`\(question.id)` is not answered yet: \(how)")
        }
        if picked == key {
            let explanation = question.explanation.map { ": \($0)" } ?? ""
            return CheckOutcome(id: id, passed: true, message: "`\(question.id)` is right\(explanation)")
        }
        let wrong = question.choices.filter { picked.contains($0.id) && !key.contains($0.id) }
        let missed = question.choices.filter { key.contains($0.id) && !picked.contains($0.id) }
        var parts: [String] = []
        for choice in wrong {
            parts.append("`\(choice.id)` is not right" + (choice.feedback.map { ": \($0)" } ?? ""))
        }
        if question.selection == .multiple, !missed.isEmpty {
            // The key stays hidden: a missed choice speaks only through its own feedback, if it has one.
            parts.append(missed.count == 1 ? "one more choice is right" : "\(missed.count) more choices are right")
            parts += missed.compactMap(\.feedback)
        }
        if parts.isEmpty { parts.append("that is not the right choice") }
        return CheckOutcome(id: id, passed: false, message: "`\(question.id)`: " + parts.joined(separator: "; "))
    }
}

/// An answer file that cannot be read: every question fails, the first check saying why.
enum AnswerSheetProblem {
    static func checks(_ error: LabPackError, ids: [String]) -> [CheckOutcome] {
        let first = error.diagnostics.first
        let more = error.diagnostics.count > 1 ? " (and \(error.diagnostics.count - 1) more)" : ""
        let location = first.flatMap { diagnostic in
            diagnostic.line.map { CheckLocation(file: diagnostic.file, line: $0, column: diagnostic.column) }
        }
        let message = "not graded: the answer file cannot be read: \(first?.message ?? "unknown problem")\(more)"
        return ids.map { CheckOutcome(id: $0, passed: false, message: message, location: location) }
    }
}
