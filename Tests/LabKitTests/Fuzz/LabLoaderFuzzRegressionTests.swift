import Foundation
import Testing
@testable import LabKit

/// Inputs that made the lab loader hang (found while fuzzing it, see Fuzz/README.md), kept in `Regressions/`.
/// Each goes the ways the fuzz target feeds it: as lab.yaml and as a task.yaml of a pack, and as a learner's
/// answer sheet. Each must be refused with one located, one-line diagnostic.
@Suite struct LabLoaderFuzzRegressionTests {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Regressions")

    /// File name → where the refusal points and what it says; every stored input needs an entry.
    static let expected: [String: (line: Int, column: Int, message: String)] = [
        // `"b":&b {"0":*a, …}`: after a quoted key, `:` needs no space, and the anchors and aliases behind it
        // went unseen; a key holding an alias then made Yams hash the expanded tree.
        "alias-after-a-colon-in-flow.yaml": (1, 6, "anchors and aliases (`&name`, `*name`) are not allowed in lab files"),
        // `{{{…}}}`: Yams hashes every key while composing, so keys nested in keys were hashed once per level.
        "mappings-nested-as-keys.yaml": (1, 2, "a list or mapping cannot be a key in lab files"),
        "list-inside-keys-nested-990-deep.yaml": (1, 2, "a list or mapping cannot be a key in lab files"),
    ]

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static let labYAML = """
        title: Regression
        objectives:
          - id: configure
            text: Configure a Repository Policy.
        defaults:
          account: "111122223333"
          region: us-east-1
          repository: fcj-workshop-app
        groups:
          pull:
            about: what docker pull calls
            actions: [ecr:BatchGetImage]
        principals:
          ci:
            about: the pipeline
            arn: "arn:aws:iam::{account}:user/fcj-ecr-ci-cd-user"
        tasks:
          - t1

        """

    @Test func everyStoredInputHasAnExpectation() {
        #expect(!Self.inputs.isEmpty)
        #expect(Set(Self.inputs) == Set(Self.expected.keys))
    }

    @Test(arguments: inputs)
    func refusedAsLabYAML(name: String) throws {
        let (text, want) = try Self.load(name)
        let diagnostics = try Self.diagnostics(of: ["labs/lab.yaml": text])
        #expect(diagnostics == ["labs/lab.yaml:\(want.line):\(want.column): \(want.message)"])
    }

    @Test(arguments: inputs)
    func refusedAsTaskYAML(name: String) throws {
        let (text, want) = try Self.load(name)
        let diagnostics = try Self.diagnostics(of: ["labs/lab.yaml": Self.labYAML, "labs/t1/task.yaml": text])
        #expect(diagnostics == ["labs/t1/task.yaml:\(want.line):\(want.column): \(want.message)"])
    }

    @Test(arguments: inputs)
    func refusedAsAnAnswerSheet(name: String) throws {
        let (text, want) = try Self.load(name)
        let quiz = AnswerSheet.quizAnswers(text, file: "answers.yaml", for: QuizCheck(questions: [], key: [:]))
        let predict = AnswerSheet.predictAnswers(text, file: "answers.yaml", for: PredictCheck(answerStyle: .allowDeny, scenarios: []))
        for result in [quiz.map { _ in () }, predict.map { _ in () }] {
            guard case .failure(let error) = result else {
                Issue.record("`\(name)` was read as answers")
                continue
            }
            #expect(error.diagnostics.map(Self.withoutAdvice) == ["answers.yaml:\(want.line):\(want.column): \(want.message)"])
        }
    }

    static func load(_ name: String) throws -> (String, (line: Int, column: Int, message: String)) {
        let want = try #require(expected[name], "no expectation for `\(name)`")
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return (text, want)
    }

    /// A diagnostic up to its advice (after `;`), which may be reworded without the refusal changing.
    static func withoutAdvice(_ diagnostic: LabDiagnostic) -> String {
        #expect(!diagnostic.description.contains("\n"))
        return String(diagnostic.description.prefix { $0 != ";" })
    }

    /// Writes the files into a fresh folder, loads it as a pack, and returns its diagnostics without advice.
    static func diagnostics(of files: [String: String]) throws -> [String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("labkit-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        do {
            _ = try LabPack.load(from: root.appendingPathComponent("labs"))
            Issue.record("the pack loaded")
            return []
        } catch let error as LabPackError {
            return error.diagnostics.map(withoutAdvice)
        }
    }
}
