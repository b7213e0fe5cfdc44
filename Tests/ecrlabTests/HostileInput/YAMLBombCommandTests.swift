import Foundation
import Testing

/// YAML bombs in a lab pack loaded from a folder with `--labs`: refused with file:line:column and
/// a non-zero exit, in well under the harness's timeout.
@Suite struct YAMLBombCommandTests {
    static let billionLaughs: String = {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        return bomb + "? *i\n: 1\n"
    }()

    /// What replaces the lab file's `title:` line, and the diagnostic it must get (after `labs/lab.yaml:`).
    static let bombs: [(name: String, title: String, expected: String)] = [
        ("billion laughs", billionLaughs, "2:4: anchors and aliases (`&name`, `*name`) are not allowed in lab files; write the value out, or quote it if you meant a literal `&`"),
        ("100,000 flow sequences", "title: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n", "2:9: YAML is nested more than 1,000 levels deep; flatten it"),
        ("100,000 flow mappings", "title: " + String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "\n", "YAML is nested more than 1,000 levels deep; flatten it"),
        ("20,000-key flow mapping", "title: {" + (0..<20_000).map { "k\($0): v" }.joined(separator: ", ") + "}\n", "2:8: `title` must be text, not a mapping"),
        ("merge key", "<<: {title: x}\ntitle: x\n", "2:1: unknown key `<<` in lab.yaml; expected one of: title, objectives, defaults, principals, probes, groups, tasks"),
        ("python tag", "title: !!python/object/apply:os.system [\"rm -rf ~\"]\n", "2:8: the tag `!!python/object/apply:os.system` is not allowed here; remove it: every value is read as plain text"),
    ]

    @Test(arguments: bombs.map(\.name))
    func aBombInTheLabFileIsRefusedWithItsPlace(_ name: String) throws {
        let bomb = try #require(Self.bombs.first { $0.name == name })
        let workspace = try TemporaryWorkspace()
        try HostileFiles.copyPack(into: workspace)
        let lab = workspace.url.appendingPathComponent("labs/lab.yaml")
        let text = try String(contentsOf: lab, encoding: .utf8)
        let titleLine = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).first { $0.hasPrefix("title:") })
        #expect(text.hasPrefix("# "), "the title is on line 2, after the comment")
        try workspace.write(text.replacingOccurrences(of: titleLine + "\n", with: bomb.title), to: "labs/lab.yaml")

        let verify = try workspace.run(["labs", "verify", "--labs", "labs"])
        #expect(verify.exitCode == 1)
        let lines = verify.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(verify.stderr.prefix(500))")
        #expect(lines.first?.hasPrefix("ecrlab: labs/lab.yaml:") == true)
        #expect(lines.first?.hasSuffix(bomb.expected) == true, "\(lines.first ?? "")")
        #expect(lines.last == "ecrlab: the lab pack has 1 problem; fix them and run again")

        // A learner's command refuses the same pack the same way (once is enough to show it).
        if name == "billion laughs" {
            let check = try workspace.run(["check", "4", "--labs", "labs"])
            #expect(check.exitCode == 2)
            #expect(check.stderr.hasPrefix("ecrlab: labs/lab.yaml:2:4: anchors and aliases"))
        }
    }
}
