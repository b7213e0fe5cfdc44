import Foundation
@testable import LabKit
import Yams

/// libFuzzer entry: the same bytes are read as lab.yaml, as a task.yaml of the real pack, and as a learner's
/// answer sheet for a quiz and a predict task. Each must give a value or located diagnostics, never a crash
/// or a hang. Run from the package folder (the pack is `labs/`), or set LAB_FUZZ_LABS.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // What PackFiles.readText lets through: at most 1 MiB of valid UTF-8.
    guard size <= PackFiles.sizeLimit, let text = String(data: Data(bytes: data, count: size), encoding: .utf8) else { return 0 }
    let context = LabFuzzContext.shared
    // libyaml also breaks lines at NEL, LS and PS; counting `\r\n` twice only loosens the bound.
    let lineCount = text.unicodeScalars.reduce(1) { $0 + ([0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains($1.value) ? 1 : 0) }

    func expectLocated(_ diagnostics: [LabDiagnostic], in file: String) {
        for diagnostic in diagnostics {
            precondition(!diagnostic.message.isEmpty, "a diagnostic without a message")
            guard diagnostic.file == file else { continue }
            if let line = diagnostic.line { precondition(line >= 1 && line <= lineCount + 1, "line \(line) outside the text") }
            if let column = diagnostic.column { precondition(column >= 1, "column \(column) before the line") }
        }
    }

    // As lab.yaml into an empty loader, then as the task.yaml of the folder its `id` names (so the files it
    // refers to can exist). Composing depends only on the text, so one tree serves both.
    let id = context.taskID(in: text)
    let manifestFile = "labs/lab.yaml", taskFile = "labs/\(id)/task.yaml"
    switch YAMLDocument.compose(text: text, file: manifestFile) {
    case .success(let document):
        // What the lexical pass lets through must not reach Yams' composer as an alias or a collection key.
        precondition(!holdsAliasOrCollectionKey(document.root), "an alias or a collection key was composed")
        let manifestLoader = PackLoader(labs: context.labs, solutions: context.solutions)
        let title = manifestLoader.loadManifest(document)
        precondition(title != nil || !manifestLoader.diagnostics.isEmpty, "lab.yaml refused without a reason")
        expectLocated(manifestLoader.diagnostics.items, in: manifestFile)

        let pack = context.loaderWithManifest()
        let taskDocument = YAMLDocument(file: taskFile, root: document.root)
        let task = TaskLoader(pack: pack, id: id, folder: context.labs.appendingPathComponent(id)).load(taskDocument)
        precondition(task != nil || !pack.diagnostics.isEmpty, "task.yaml refused without a reason")
        expectLocated(pack.diagnostics.items, in: taskFile)
    case .failure(let diagnostic):
        expectLocated([diagnostic], in: manifestFile)
    }

    // As a learner's answers.
    let answersFile = "answers.yaml"
    switch AnswerSheet.quizAnswers(text, file: answersFile, for: context.quiz) {
    case .success: break
    case .failure(let error): expectLocated(error.diagnostics, in: answersFile)
    }
    switch AnswerSheet.predictAnswers(text, file: answersFile, for: context.predict) {
    case .success: break
    case .failure(let error): expectLocated(error.diagnostics, in: answersFile)
    }
    return 0
}

private func holdsAliasOrCollectionKey(_ node: Node) -> Bool {
    switch node {
    case .scalar: return false
    case .alias: return true
    case .sequence(let sequence): return sequence.contains(where: holdsAliasOrCollectionKey)
    case .mapping(let mapping):
        return mapping.contains { key, value in
            if case .scalar = key { return holdsAliasOrCollectionKey(value) }
            return true
        }
    }
}

/// The real pack, loaded once: each input is read against its objectives, principals and groups.
final class LabFuzzContext {
    nonisolated(unsafe) static let shared = LabFuzzContext()

    let labs: URL
    let solutions: URL
    let manifest: PackLoader
    let quiz: QuizCheck
    let predict: PredictCheck

    private init() {
        labs = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LAB_FUZZ_LABS"] ?? "labs").standardizedFileURL
        solutions = labs.deletingLastPathComponent().appendingPathComponent("solutions")
        let pack: LabPack
        do { pack = try LabPack.load(from: labs, solutions: solutions) } catch { fatalError("the fuzz context needs a valid pack: \(error)") }
        manifest = PackLoader(labs: labs, solutions: solutions)
        guard let document = manifest.document(labs.appendingPathComponent("lab.yaml"), within: labs),
              manifest.loadManifest(document) != nil else { fatalError("lab.yaml did not load") }
        var quiz: QuizCheck?, predict: PredictCheck?
        for task in pack.tasks {
            switch task.check {
            case .quiz(let check): quiz = quiz ?? check
            case .predict(let check): predict = predict ?? check
            default: break
            }
        }
        guard let quiz, let predict else { fatalError("the pack needs a quiz and a predict task") }
        self.quiz = quiz
        self.predict = predict
    }

    /// A loader that has read the real lab.yaml, with no diagnostics yet.
    func loaderWithManifest() -> PackLoader {
        let loader = PackLoader(labs: labs, solutions: solutions)
        loader.defaults = manifest.defaults
        loader.objectives = manifest.objectives
        loader.principals = manifest.principals
        loader.probes = manifest.probes
        loader.groups = manifest.groups
        loader.identityPolicies = manifest.identityPolicies
        loader.repositoryPolicies = manifest.repositoryPolicies
        loader.taskOrderNodes = manifest.taskOrderNodes
        return loader
    }

    /// The task folder named by a top-level `id:` line when it is one of the pack's tasks, else one that does not exist.
    func taskID(in text: String) -> String {
        for line in text.split(separator: "\n", maxSplits: 64) where line.hasPrefix("id:") {
            let id = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            if manifest.taskOrderNodes.contains(where: { $0.0 == id }) { return id }
        }
        return "00-fuzz"
    }
}
