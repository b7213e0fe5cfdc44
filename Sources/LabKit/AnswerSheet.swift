import Foundation
import Yams

/// Answers to a quiz or predict task, as a YAML mapping of question or scenario id to the answer:
/// ```yaml
/// q1: b            # single choice
/// q2: [a, c]       # multiple choice
/// row-a: allow     # predict: allow | deny  (answerStyle decision: allow | explicitDeny | implicitDeny)
/// row-b:           # left empty: not answered yet
/// ```
/// The same format serves learners' files and the reference answers in `solutions/`. Learners' files are
/// hostile input: the same size, alias and strictness rules as lab files apply.
public enum AnswerSheet {
    public struct QuizAnswers: Sendable, Hashable {
        public var choices: [String: Set<String>]
        /// Question ids left empty, in the task's order.
        public var unanswered: [String]
    }

    public enum PredictAnswer: String, Sendable, Hashable {
        case allow, deny, explicitDeny, implicitDeny
    }

    public struct PredictAnswers: Sendable, Hashable {
        public var answers: [String: PredictAnswer]
        public var unanswered: [String]
    }

    public static func quizAnswers(_ text: String, file: String, for check: QuizCheck) -> Result<QuizAnswers, LabPackError> {
        let ids = check.questions.map(\.id)
        return entries(text, file: file, ids: ids, what: "question").flatMap { entries, reader in
            var result = QuizAnswers(choices: [:], unanswered: [])
            for question in check.questions {
                guard let node = entries[question.id], !NodeReader.isNull(node) else {
                    result.unanswered.append(question.id)
                    continue
                }
                var picked: [(String, Node)] = []
                if case .sequence = node {
                    picked = reader.strings(node, "the answer to `\(question.id)`") ?? []
                    if question.selection == .single && picked.count != 1 {
                        reader.report(node, "question `\(question.id)` takes exactly one choice")
                    }
                } else if let single = reader.string(node, "the answer to `\(question.id)`") {
                    picked = [(single, node)]
                }
                var chosen = Set<String>()
                for (choice, choiceNode) in picked {
                    // `B`, ` b ` and `b` are the same answer: grade what the learner meant, not how it was typed.
                    let typed = choice.trimmingCharacters(in: .whitespaces).lowercased()
                    if let match = question.choices.first(where: { $0.id.lowercased() == typed }) { chosen.insert(match.id) } else {
                        reader.report(choiceNode, "`\(choice)` is not a choice of question `\(question.id)`; pick one of: \(NodeReader.listing(question.choices.lazy.map(\.id)))")
                    }
                }
                if picked.isEmpty { result.unanswered.append(question.id) } else { result.choices[question.id] = chosen }
            }
            return reader.diagnostics.isEmpty ? .success(result) : .failure(LabPackError(diagnostics: reader.diagnostics.items))
        }
    }

    public static func predictAnswers(_ text: String, file: String, for check: PredictCheck) -> Result<PredictAnswers, LabPackError> {
        let allowed: [PredictAnswer] = check.answerStyle == .allowDeny ? [.allow, .deny] : [.allow, .explicitDeny, .implicitDeny]
        return entries(text, file: file, ids: check.scenarios.map(\.id), what: "scenario").flatMap { entries, reader in
            var result = PredictAnswers(answers: [:], unanswered: [])
            for scenario in check.scenarios {
                guard let node = entries[scenario.id], !NodeReader.isNull(node) else {
                    result.unanswered.append(scenario.id)
                    continue
                }
                guard let word = reader.string(node, "the answer to `\(scenario.id)`") else { continue }
                if let answer = PredictAnswer.reading(word, style: check.answerStyle), allowed.contains(answer) {
                    result.answers[scenario.id] = answer
                } else {
                    reader.report(node, "`\(word)` is not an answer here; write one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
                }
            }
            return reader.diagnostics.isEmpty ? .success(result) : .failure(LabPackError(diagnostics: reader.diagnostics.items))
        }
    }

    private static func entries(_ text: String, file: String, ids: [String], what: String)
        -> Result<([String: Node], NodeReader), LabPackError> {
        guard text.utf8.count <= PackFiles.sizeLimit else {
            return .failure(LabPackError(diagnostics: [LabDiagnostic(file: file, message: "file is over the 1 MiB limit (\(PackFiles.sizeLimit) bytes); check that this is the right file")]))
        }
        let document: YAMLDocument
        switch YAMLDocument.compose(text: text, file: file) {
        case .failure(let diagnostic): return .failure(LabPackError(diagnostics: [diagnostic]))
        case .success(let composed): document = composed
        }
        let reader = NodeReader(file: file, diagnostics: DiagnosticList())
        guard let pairs = reader.namedEntries(document.root, "the answers") else { return .failure(LabPackError(diagnostics: reader.diagnostics.items)) }
        var result: [String: Node] = [:]
        let known = Set(ids)
        for (id, keyNode, value) in pairs {
            if known.contains(id) { result[id] = value } else {
                reader.report(keyNode, "unknown \(what) `\(id)`; this task has: \(NodeReader.listing(ids))")
            }
        }
        return .success((result, reader))
    }
}

extension AnswerSheet.PredictAnswer {
    /// Reads a learner's word whatever its case and spelling (`Allow`, `allowed`, `explicit deny`,
    /// `implicit-deny`). Where the task asks only allow or deny, an explicit or implicit deny is a deny.
    static func reading(_ word: String, style: PredictCheck.AnswerStyle) -> Self? {
        let folded = word.lowercased().filter { $0.isLetter }
        let answer: Self
        switch folded {
        case "allow", "allowed", "allows": answer = .allow
        case "deny", "denied", "denies": answer = .deny
        case "explicitdeny", "explicitlydenied", "explicitdenied": answer = .explicitDeny
        case "implicitdeny", "implicitlydenied", "implicitdenied": answer = .implicitDeny
        default: return nil
        }
        if style == .allowDeny, answer == .explicitDeny || answer == .implicitDeny { return .deny }
        return answer
    }
}
