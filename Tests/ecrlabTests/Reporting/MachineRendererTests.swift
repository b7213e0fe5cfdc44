import Foundation
import PolicyCore
import Testing

@Suite struct JSONFindingRendererTests {
    @Test func oneFlatObjectPerFindingWithEveryKey() throws {
        let out = JSONFindingRenderer().render([RendererFixtures.file])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(objects.count == 3)
        let first = objects[0]
        #expect(Set(first.keys) == ["file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "help"])
        #expect(first["file"] as? String == "my policy.json")
        #expect(first["line"] as? Int == 2)
        #expect(first["column"] as? Int == 12)
        #expect(first["endColumn"] as? Int == 27)
        #expect(first["severity"] as? String == "error")
        #expect(first["help"] as? String == "did you mean `ecr:PutImage`?")
        #expect(objects[1]["help"] is NSNull)
        #expect(objects[1]["severity"] as? String == "security")
    }

    @Test func noFindingsIsAnEmptyArray() throws {
        let out = JSONFindingRenderer().render([SourceFindings(file: "a", text: "{}", findings: [])])
        let value = try JSONSerialization.jsonObject(with: Data(out.utf8))
        #expect((value as? [Any])?.isEmpty == true)
        #expect(out == "[]\n")
    }

    @Test func outputIsStable() {
        #expect(JSONFindingRenderer().render([RendererFixtures.file]) == JSONFindingRenderer().render([RendererFixtures.file]))
    }
}

@Suite struct SARIFRendererTests {
    func log(_ files: [SourceFindings], renderer: SARIFRenderer = SARIFRenderer()) throws -> [String: Any] {
        let out = renderer.render(files)
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }

    func run(_ log: [String: Any]) throws -> [String: Any] {
        try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func schemaVersionAndTool() throws {
        let log = try log([RendererFixtures.file], renderer: SARIFRenderer(toolVersion: "9.9.9"))
        #expect(log["$schema"] as? String == SARIFRenderer.schema)
        #expect(log["version"] as? String == "2.1.0")
        let driver = try #require((try run(log)["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ecrlab")
        #expect(driver["version"] as? String == "9.9.9")
        #expect(driver["informationUri"] == nil)
    }

    @Test func oneRulePerCodeWithItsLevel() throws {
        let twice = SourceFindings(
            file: "b.json", text: "", findings: [RendererFixtures.unknownAction, RendererFixtures.unknownAction])
        let run = try run(try log([RendererFixtures.file, twice]))
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["unknown-action", "public-access", "whole-object"])
        let levels = rules.map { ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String }
        #expect(levels == ["error", "error", "warning"])
        #expect((rules[0]["shortDescription"] as? [String: Any])?["text"] as? String == "Unknown action")
        #expect((rules[1]["properties"] as? [String: Any])?["tags"] as? [String] == ["security"])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 5)
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 1, 2, 0, 0])
    }

    @Test func securityIsAnErrorTaggedSecurityAndSuggestionsAreNotes() throws {
        let suggestion = Finding(.suggestion, "redundant-action", "already covered", at: .unknown)
        let file = SourceFindings(file: "a.json", text: "", findings: [RendererFixtures.publicAccess, suggestion])
        let results = try #require(try run(try log([file]))["results"] as? [[String: Any]])
        #expect(results[0]["level"] as? String == "error")
        #expect((results[0]["properties"] as? [String: Any])?["tags"] as? [String] == ["security"])
        #expect(results[1]["level"] as? String == "note")
        #expect(results[1]["properties"] == nil)
    }

    @Test func resultsCarryMessageAndRegion() throws {
        let results = try #require(try run(try log([RendererFixtures.file]))["results"] as? [[String: Any]])
        let first = results[0]
        #expect(first["ruleId"] as? String == "unknown-action")
        let text = (first["message"] as? [String: Any])?["text"] as? String
        #expect(text == "`ecr:PutImages` is not an ECR action (did you mean `ecr:PutImage`?)")
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "my%20policy.json")
        let region = try #require(location["region"] as? [String: Int])
        #expect(region == ["startLine": 2, "startColumn": 12, "endLine": 2, "endColumn": 27])
    }

    @Test(arguments: [
        ("policy.json", "policy.json"),
        ("dir/my policy.json", "dir/my%20policy.json"),
        ("/tmp/a.json", "file:///tmp/a.json"),
        ("a:b.json", "a%3Ab.json"),
    ])
    func artifactURIs(path: String, uri: String) {
        #expect(SARIFRenderer.uri(for: path) == uri)
    }

    @Test func declaresUnicodeScalarColumns() throws {
        #expect(try run(try log([RendererFixtures.file]))["columnKind"] as? String == "unicodeCodePoints")
    }
}
