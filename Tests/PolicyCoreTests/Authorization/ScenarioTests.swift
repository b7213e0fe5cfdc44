import Foundation
import PolicyCore
import Testing

/// Runs the scenario corpus: one JSON file per IAM rule, each case decided under both models.
///
/// File format: `{"rule": "…", "reference": "…", "cases": [{"name": "…", "identityPolicies": [POLICY…],
/// "resourcePolicy": POLICY|null, "request": {…}, "expect": OUTCOME | {"and": OUTCOME, "aws": OUTCOME}}]}`
/// where OUTCOME is `allow`, `explicitDeny`, `implicitDeny` or `error` (the case cannot be evaluated).
struct ScenarioTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var name: String
        var node: JSONNode
        var expected: [EvaluationModel: String]
        var testDescription: String { "\(file): \(name)" }
    }

    static let directory = Bundle.module.url(forResource: "Scenarios", withExtension: nil)!

    static func loadCases() -> [Case] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        var cases: [Case] = []
        for file in files.filter({ $0.pathExtension == "json" }).sorted(by: { $0.path < $1.path }) {
            let document = JSONReader().read(Array((try? Data(contentsOf: file)) ?? Data()))
            guard case .object(let members)? = document.root?.value,
                case .array(let items)? = members.first(where: { $0.key == "cases" })?.value.value
            else {
                cases.append(Case(file: file.lastPathComponent, name: "unreadable scenario file", node: JSONNode(.null, range: .unknown), expected: [:]))
                continue
            }
            for item in items {
                guard case .object(let fields) = item.value else { continue }
                var name = "unnamed"
                var expected: [EvaluationModel: String] = [:]
                for field in fields {
                    switch (field.key, field.value.value) {
                    case ("name", .string(let text)): name = text
                    case ("expect", .string(let outcome)):
                        expected = [.and: outcome, .aws: outcome]
                    case ("expect", .object(let perModel)):
                        for entry in perModel {
                            if let model = EvaluationModel(rawValue: entry.key), case .string(let outcome) = entry.value.value {
                                expected[model] = outcome
                            }
                        }
                    default: break
                    }
                }
                cases.append(Case(file: file.lastPathComponent, name: name, node: item, expected: expected))
            }
        }
        return cases
    }

    @Test func corpusIsLargeAndCoversBothModels() {
        let cases = Self.loadCases()
        #expect(cases.count >= 80)
        #expect(cases.allSatisfy { $0.expected.count == 2 }, "every case states its outcome under both models")
    }

    @Test(arguments: loadCases())
    func scenario(_ scenario: Case) {
        #expect(scenario.expected.count == 2, "the case must give `expect` for both models")
        for (model, outcome) in scenario.expected.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            switch BatchCase.parse(scenario.node) {
            case .failure(let unusable):
                #expect(outcome == "error", "\(model): could not evaluate: \(unusable.message)")
            case .success(let batchCase):
                let decision = batchCase.decide(defaultModel: model)
                #expect(decision.outcome.rawValue == outcome, "model \(model.rawValue): reasons \(decision.matched.map(\.statementName)) missing \(decision.missing)")
            }
        }
    }
}
