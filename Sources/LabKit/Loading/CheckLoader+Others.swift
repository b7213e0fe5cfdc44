import PolicyCore
import Foundation
import Yams

extension CheckLoader {
    // MARK: predict

    func loadPredict(_ node: Node, _ solution: TextFile?) -> PredictCheck? {
        guard let map = reader.mapping(node, "`check` of a predict task", allowed: ["answerStyle", "scenarios"]) else { return nil }
        var style = PredictCheck.AnswerStyle.allowDeny
        if let node = map.optional("answerStyle"),
           let chosen = reader.choice(node, "`answerStyle`", as: PredictCheck.AnswerStyle.self, PredictCheck.AnswerStyle.allCases) {
            style = chosen
        }
        var scenarios: [PredictScenario] = []
        var ids = Set<String>()
        if let node = map.required("scenarios"), let items = reader.sequence(node, "`scenarios`") {
            if items.isEmpty { reader.report(node, "`scenarios` needs at least one row") }
            for item in items {
                guard let scenario = loadScenario(item) else { continue }
                if !ids.insert(scenario.id).inserted {
                    reader.report(item, "scenario id `\(scenario.id)` is used twice")
                } else {
                    scenarios.append(scenario)
                }
            }
        }
        let check = PredictCheck(answerStyle: style, scenarios: scenarios)
        if let solution {
            switch AnswerSheet.predictAnswers(solution.text, file: solution.path, for: check) {
            case .failure(let problems): problems.diagnostics.forEach { reader.diagnostics.add($0) }
            case .success(let answers):
                for missing in answers.unanswered {
                    reader.diagnostics.add(LabDiagnostic(file: solution.path, message: "the solution does not answer scenario `\(missing)`"))
                }
            }
        }
        return check
    }

    private func loadScenario(_ item: Node) -> PredictScenario? {
        guard let row = reader.mapping(item, "a scenario", allowed: [
            "id", "text", "principal", "action", "identity", "repositoryPolicy", "repository", "model",
        ]) else { return nil }
        let id = row.required("id").flatMap { reader.string($0, "scenario `id`") }
        if let id, !PackLoader.isName(id) { reader.report(row.optional("id"), "scenario id `\(id)` must use lower-case letters, digits and `-`") }
        let text = row.required("text").flatMap { reader.string($0, "scenario `text`") }
        let principal = row.required("principal").flatMap { self.principal($0, "`principal`") }
        let action = row.required("action").flatMap { self.action($0, "`action`") }
        var identity: [String]?
        if let node = row.optional("identity"), let list = reader.strings(node, "`identity`") {
            if let principal, isServicePrincipal(principal) {
                reader.report(node, "`\(principal)` is a service principal and has no identity policies; remove `identity`")
            }
            for (name, nameNode) in list { pack.identityPolicy(name, reader, nameNode) }
            identity = list.map(\.0)
        }
        var repositoryPolicy: String?
        if let node = row.optional("repositoryPolicy"), let name = reader.string(node, "`repositoryPolicy`") {
            pack.repositoryPolicy(name, reader, node)
            repositoryPolicy = name
        }
        var repository: String?
        if let node = row.optional("repository"), let name = reader.string(node, "`repository`") {
            if PackLoader.isRepositoryName(name) { repository = name } else { reader.report(node, "repository name `\(name)` is not valid") }
        }
        let model = row.optional("model").flatMap { reader.choice($0, "`model`", as: EvaluationModel.self, EvaluationModel.allCases) }
        guard let id, let text, let principal, let action else { return nil }
        return PredictScenario(id: id, text: text, principal: principal, action: action, identityPolicies: identity,
                               repositoryPolicy: repositoryPolicy, repository: repository, model: model,
                               location: pack.location(file, item))
    }

    // MARK: quiz

    func loadQuiz(_ node: Node, _ solution: TextFile?) -> QuizCheck? {
        guard let map = reader.mapping(node, "`check` of a quiz task", allowed: ["questions"]) else { return nil }
        var questions: [QuizQuestion] = []
        var ids = Set<String>()
        if let node = map.required("questions"), let items = reader.sequence(node, "`questions`") {
            if items.isEmpty { reader.report(node, "`questions` needs at least one question") }
            for item in items {
                guard let question = loadQuestion(item) else { continue }
                if !ids.insert(question.id).inserted {
                    reader.report(item, "question id `\(question.id)` is used twice")
                } else {
                    questions.append(question)
                }
            }
        }
        var check = QuizCheck(questions: questions, key: [:])
        if let solution {
            switch AnswerSheet.quizAnswers(solution.text, file: solution.path, for: check) {
            case .failure(let problems): problems.diagnostics.forEach { reader.diagnostics.add($0) }
            case .success(let answers):
                for missing in answers.unanswered {
                    reader.diagnostics.add(LabDiagnostic(file: solution.path, message: "the answer key does not answer question `\(missing)`"))
                }
                check.key = answers.choices
            }
        }
        return check
    }

    private func loadQuestion(_ item: Node) -> QuizQuestion? {
        guard let map = reader.mapping(item, "a question", allowed: ["id", "text", "select", "choices", "explanation"]) else { return nil }
        let id = map.required("id").flatMap { reader.string($0, "question `id`") }
        if let id, !PackLoader.isName(id) { reader.report(map.optional("id"), "question id `\(id)` must use lower-case letters, digits and `-`") }
        let text = map.required("text").flatMap { reader.string($0, "question `text`") }
        let selection = map.required("select").flatMap {
            reader.choice($0, "`select`", as: QuizQuestion.Selection.self, QuizQuestion.Selection.allCases)
        }
        let explanation = map.optional("explanation").flatMap { reader.string($0, "`explanation`") }
        var choices: [QuizChoice] = []
        var ids = Set<String>()
        if let node = map.required("choices"), let items = reader.sequence(node, "`choices`") {
            if items.count < 2 { reader.report(node, "a question needs at least two choices") }
            for item in items {
                guard let choice = reader.mapping(item, "a choice", allowed: ["id", "text", "feedback"]),
                      let id = choice.required("id").flatMap({ reader.string($0, "choice `id`") }),
                      let text = choice.required("text").flatMap({ reader.string($0, "choice `text`") })
                else { continue }
                let feedback = choice.optional("feedback").flatMap { reader.string($0, "`feedback`") }
                if !ids.insert(id).inserted { reader.report(item, "choice id `\(id)` is used twice") }
                choices.append(QuizChoice(id: id, text: text, feedback: feedback))
            }
        }
        guard let id, let text, let selection else { return nil }
        return QuizQuestion(id: id, text: text, selection: selection, choices: choices, explanation: explanation)
    }

    // MARK: apply

    func loadApply(_ node: Node, _ solution: TextFile?) -> ApplyCheck? {
        guard let map = reader.mapping(node, "`check` of an apply task", allowed: ["repository", "policyFrom", "simulations"])
        else { return nil }
        var repository = pack.defaults.repository
        if let node = map.optional("repository"), let name = reader.string(node, "`repository`") {
            if PackLoader.isRepositoryName(name) { repository = name } else { reader.report(node, "repository name `\(name)` is not valid") }
        }
        var policyFrom: String?
        if let node = map.optional("policyFrom"), let task = reader.string(node, "`policyFrom`") {
            if pack.taskOrderNodes.contains(where: { $0.0 == task }) && task != taskID { policyFrom = task } else {
                reader.report(node, "`policyFrom` names `\(task)`, which is not another task in lab.yaml `tasks`")
            }
        }
        var simulations: [SimulationExpectation] = []
        if let node = map.required("simulations"), let items = reader.sequence(node, "`simulations`") {
            if items.isEmpty { reader.report(node, "`simulations` needs at least one row") }
            for item in items {
                guard let row = reader.mapping(item, "a simulation", allowed: ["principal", "operation", "result", "refusedAt"]) else { continue }
                let principal = row.required("principal").flatMap { self.principal($0, "`principal`") }
                let operation = row.required("operation").flatMap {
                    reader.choice($0, "`operation`", as: SimulationExpectation.Operation.self, SimulationExpectation.Operation.allCases)
                }
                let outcome = row.required("result").flatMap {
                    reader.choice($0, "`result`", as: SimulationExpectation.Outcome.self, SimulationExpectation.Outcome.allCases)
                }
                let refusedAt = row.optional("refusedAt").flatMap { self.action($0, "`refusedAt`") }
                if refusedAt != nil && outcome == .succeeds {
                    reader.report(row.keyNode("refusedAt"), "`refusedAt` only makes sense with `result: refused`")
                }
                guard let principal, let operation, let outcome else { continue }
                simulations.append(SimulationExpectation(principal: principal, operation: operation, outcome: outcome,
                                                         refusedAt: refusedAt, location: pack.location(file, item)))
            }
        }
        if let solution, (try? JSONSerialization.jsonObject(with: Data(solution.text.utf8))) == nil {
            reader.report(map.node, "solution `\(solution.path)` is not valid JSON")
        }
        return ApplyCheck(repository: repository, policyFrom: policyFrom, simulations: simulations)
    }
}
