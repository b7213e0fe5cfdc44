import Foundation
import Testing
@testable import LabKit

/// Lab files built to exhaust the YAML loader: exponential aliases, runaway nesting, huge flow
/// collections, merge keys and language tags. Each is refused with file:line:column, quickly.
@Suite struct YAMLBombTests {
    /// Nine levels of nine aliases each: 387 million strings once expanded.
    static let billionLaughs: String = {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        return bomb
    }()

    @Test func billionLaughsInATaskFileIsRefusedAtItsFirstAnchor() throws {
        let scratch = try ScratchPack()
        try scratch.write("labs/t1/task.yaml", ScratchPack.taskYAML + Self.billionLaughs)
        try expectDiagnostics(scratch, [
            "labs/t1/task.yaml:15:4: anchors and aliases (`&name`, `*name`) are not allowed in lab files; write the value out, or quote it if you meant a literal `&`",
        ])
    }

    @Test func billionLaughsInALearnersAnswerSheetIsRefusedWithItsPlace() throws {
        let bench = try GradingBench()
        let result = try bench.grade("01-what-a-repository-policy-is", Self.billionLaughs + "q1: *i\n")
        #expect(!result.passed)
        #expect(result.failedChecks.count == 4)
        #expect(result.failedChecks[0].message.hasPrefix("not graded: the answer file cannot be read: anchors and aliases"))
        #expect(result.failedChecks[0].location?.line == 1)
        #expect(result.failedChecks[0].location?.column == 4)
    }

    static let deepDocuments: [(name: String, text: String, place: String)] = [
        ("100,000 flow sequences", "title: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n", "1:"),
        ("100,000 flow mappings", "title: " + String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "\n", "1:"),
        ("100,000 block sequences", "title:\n" + String(repeating: "- ", count: 100_000) + "x\n", "2:"),
        ("unclosed brackets to the 1 MiB limit", String(repeating: "[", count: (1 << 20) - 1), "1:"),
    ]

    @Test(arguments: deepDocuments.map(\.name))
    func runawayNestingIsRefusedAtTheLevelThatGoesTooDeep(_ name: String) throws {
        let document = try #require(Self.deepDocuments.first { $0.name == name })
        let scratch = try ScratchPack()
        try scratch.write("labs/lab.yaml", document.text)
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("labs/lab.yaml:" + document.place) == true, "\(diagnostics)")
        #expect(diagnostics.first?.hasSuffix(": YAML is nested more than 1,000 levels deep; flatten it") == true, "\(diagnostics)")
    }

    @Test func aFlowMappingOfThirtyThousandKeysIsReadAndRefusedAsTheWrongType() throws {
        let scratch = try ScratchPack()
        let keys = (0..<30_000).map { "k\($0): v" }.joined(separator: ", ")
        try scratch.edit("labs/lab.yaml", "title: Scratch\n", "title: {\(keys)}\n")
        try expectDiagnostics(scratch, ["labs/lab.yaml:1:8: `title` must be text, not a mapping"])
    }

    @Test func aFlowMappingWithAllKeysTheSameIsOneDuplicateKeyError() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/lab.yaml", "title: Scratch\n", "title: {" + Array(repeating: "k: v", count: 20_000).joined(separator: ", ") + "}\n")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("labs/lab.yaml:1:9: duplicate key `k`") == true, "\(diagnostics)")
    }

    @Test func aMergeKeyIsAnUnknownKeyAtItsPlace() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "title: Pull\n", "title: Pull\n<<: {kind: quiz}\n")
        try expectDiagnostics(scratch, [
            "labs/t1/task.yaml:3:1: unknown key `<<` in task.yaml; expected one of: id, title, objectives, kind, model, instructions, starter, hints, principals, localPrincipals, solution, explanation, check",
        ])
    }

    @Test func aMergeOfAnAliasIsRefusedAsAnAlias() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "title: Pull\n", "title: Pull\nbase: &base {kind: quiz}\n<<: *base\n")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("labs/t1/task.yaml:3:7: anchors and aliases") == true, "\(diagnostics)")
    }

    static let tags: [(written: String, shown: String)] = [
        ("!!python/object/apply:os.system [\"ls\"]", "!!python/object/apply:os.system"),
        ("!!python/object:os.system Scratch", "!!python/object:os.system"),
        ("!custom Scratch", "!custom"),
        ("!<tag:example.com,2024:thing> Scratch", "tag:example.com,2024:thing"),
        ("!!binary U2NyYXRjaA==", "!!binary"),
    ]

    @Test(arguments: tags.map(\.written))
    func aLanguageOrCustomTagIsRefusedAtItsNode(_ written: String) throws {
        let tag = try #require(Self.tags.first { $0.written == written })
        let scratch = try ScratchPack()
        try scratch.edit("labs/lab.yaml", "title: Scratch\n", "title: \(tag.written)\n")
        try expectDiagnostics(scratch, [
            "labs/lab.yaml:1:8: the tag `\(tag.shown)` is not allowed here; remove it: every value is read as plain text",
        ])
    }

    @Test func aTagInsideAListIsFoundToo() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "hints: [hint-1.md]", "hints: [hint-1.md, !!python/name:os.system x]")
        try expectDiagnostics(scratch, [
            "labs/t1/task.yaml:6:20: the tag `!!python/name:os.system` is not allowed here; remove it: every value is read as plain text",
        ])
    }

    @Test func aStandardTagIsHarmlessAndAccepted() throws {
        let scratch = try ScratchPack()
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        try scratch.edit("labs/lab.yaml", "title: Scratch\n", "title: !!str Scratch\n")
        #expect(try LabPack.load(from: scratch.labs).title == "Scratch")
    }

    @Test func aTagInALearnersAnswerSheetIsRefusedWithItsPlace() throws {
        let result = try GradingBench().grade("01-what-a-repository-policy-is", "q1: b\nq2: !!python/object:os.system a\n")
        #expect(result.failedChecks.count == 4)
        #expect(result.failedChecks[0].message.hasSuffix("the tag `!!python/object:os.system` is not allowed here; remove it: every value is read as plain text (4 checks)")
            || result.failedChecks[0].message.contains("the tag `!!python/object:os.system` is not allowed here"))
        #expect(result.failedChecks[0].location?.line == 2)
        #expect(result.failedChecks[0].location?.column == 5)
    }

}
