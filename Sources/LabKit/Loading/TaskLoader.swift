import PolicyCore
import Foundation
import Yams

/// Reads one `labs/<id>/task.yaml` with its files and its solution, checking every reference against the pack.
struct TaskLoader {
    let pack: PackLoader
    let id: String
    let folder: URL

    var solutionFolder: URL { pack.solutions.appendingPathComponent(id) }

    func load() -> LabTask? {
        guard let document = pack.document(folder.appendingPathComponent("task.yaml"), within: pack.labs) else { return nil }
        return load(document)
    }

    /// Reads task.yaml from text already composed, so hostile text can be fed without a file (the fuzz target does).
    func load(_ document: YAMLDocument) -> LabTask? {
        let reader = NodeReader(file: document.file, diagnostics: pack.diagnostics)
        guard let map = reader.mapping(document.root, "task.yaml", allowed: [
            "id", "title", "objectives", "kind", "model", "instructions", "starter", "hints",
            "principals", "localPrincipals", "solution", "explanation", "check",
        ]) else { return nil }
        let before = pack.diagnostics.items.count

        if let node = map.required("id"), let written = reader.string(node, "`id`"), written != id {
            reader.report(node, "task id `\(written)` differs from its folder name `\(id)`; they must be the same")
        }
        let title = map.required("title").flatMap { reader.string($0, "`title`") }
        var objectives: [String] = []
        if let node = map.required("objectives"), let list = reader.strings(node, "`objectives`") {
            let defined = Set(pack.objectives.map(\.id))
            for (objective, objectiveNode) in list {
                if defined.contains(objective) { objectives.append(objective) } else {
                    reader.report(objectiveNode, "unknown objective `\(objective)`; lab.yaml defines: \(NodeReader.listing(pack.objectives.lazy.map(\.id)))")
                }
            }
            if list.isEmpty { reader.report(node, "`objectives` is empty; name at least one objective") }
        }
        let kind = map.required("kind").flatMap { reader.choice($0, "`kind`", as: TaskKind.self, TaskKind.allCases) }
        var model = EvaluationModel.and
        if let node = map.optional("model"), let chosen = reader.choice(node, "`model`", as: EvaluationModel.self, EvaluationModel.allCases) {
            model = chosen
        }

        let instructionsName = map.optional("instructions").flatMap { reader.string($0, "`instructions`") } ?? "instructions.md"
        let instructions = pack.textFile(named: instructionsName, in: folder, within: pack.labs, from: reader,
                                         at: map.keyNode("instructions") ?? document.root)
        var starter: TextFile?
        if let node = map.optional("starter") {
            if let name = reader.string(node, "`starter`") {
                starter = pack.textFile(named: name, in: folder, within: pack.labs, from: reader, at: node)
            }
        } else if kind != nil && kind != .apply {
            reader.report(document.root, "missing `starter`: every \(kind!.rawValue) task gives the learner a file to start from")
        }
        var hints: [TextFile] = []
        if let node = map.required("hints"), let list = reader.strings(node, "`hints`") {
            if list.isEmpty { reader.report(node, "`hints` is empty; give at least one hint file") }
            for (name, nameNode) in list {
                if let file = pack.textFile(named: name, in: folder, within: pack.labs, from: reader, at: nameNode) { hints.append(file) }
            }
        }

        var principalNames: [String] = []
        if let node = map.optional("principals"), let list = reader.strings(node, "`principals`") {
            let defined = Set(pack.principals.map(\.name))
            for (name, nameNode) in list {
                if defined.contains(name) { principalNames.append(name) } else {
                    reader.report(nameNode, "unknown principal `\(name)`; define it in lab.yaml `principals` or in `localPrincipals`")
                }
            }
        }
        var local: [PrincipalDefinition] = []
        if let node = map.optional("localPrincipals") {
            local = pack.loadPrincipals(node, reader, what: "`localPrincipals`", taken: Set(pack.principals.map(\.name)))
        }
        let known = Set(principalNames + local.map(\.name) + pack.probes)

        var solution: TextFile?
        if let node = map.required("solution"), let name = reader.string(node, "`solution`") {
            solution = pack.textFile(named: name, in: solutionFolder, within: pack.solutions, from: reader, at: node)
        }
        var explanation: TextFile?
        if let node = map.optional("explanation"), let name = reader.string(node, "`explanation`") {
            explanation = pack.textFile(named: name, in: solutionFolder, within: pack.solutions, from: reader, at: node)
        }

        var check: TaskCheck?
        if let kind, let node = map.required("check") {
            let checks = CheckLoader(pack: pack, reader: reader, file: document.file, knownPrincipals: known,
                                     groupNames: Set(pack.groups.map(\.name)),
                                     localPrincipals: local, taskID: id)
            check = checks.load(kind: kind, node: node, solution: solution)
        }

        guard pack.diagnostics.items.count == before, let title, let kind, let instructions, let solution, let check
        else { return nil }
        return LabTask(id: id, title: title, objectives: objectives, kind: kind, model: model, instructions: instructions,
                       starter: starter, hints: hints, principals: principalNames, localPrincipals: local,
                       solution: solution, explanation: explanation, check: check)
    }
}
