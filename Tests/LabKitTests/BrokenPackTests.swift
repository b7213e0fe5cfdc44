import Foundation
import Testing
@testable import LabKit

/// A small valid pack written to a temporary folder; each test breaks one thing and checks the diagnostic.
struct ScratchPack {
    let root: URL
    var labs: URL { root.appendingPathComponent("labs") }

    static let labYAML = """
        title: Scratch
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
            actions: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
        principals:
          ci:
            about: the pipeline
            arn: "arn:aws:iam::{account}:user/fcj-ecr-ci-cd-user"
            identity: [power.json]
        tasks:
          - t1

        """

    static let taskYAML = """
        id: t1
        title: Pull
        objectives: [configure]
        kind: policy
        starter: policy.json
        hints: [hint-1.md]
        solution: policy.json
        principals: [ci]
        check:
          policyKind: repository
          expect:
            - principal: ci
              actions: [pull]
              result: allow

        """

    static let policy = #"{"Version": "2012-10-17", "Statement": []}"#

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("labkit-\(UUID().uuidString)")
        try write("labs/lab.yaml", Self.labYAML)
        try write("labs/identities/power.json", Self.policy)
        try write("labs/t1/task.yaml", Self.taskYAML)
        try write("labs/t1/instructions.md", "# Pull\n")
        try write("labs/t1/hint-1.md", "Think.\n")
        try write("labs/t1/policy.json", Self.policy)
        try write("solutions/t1/policy.json", Self.policy)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    /// Replaces the first occurrence of `old` in a file; fails the test if it is not there.
    func edit(_ path: String, _ old: String, _ new: String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: old), "`\(old)` not in \(path)")
        try write(path, text.replacingCharacters(in: range, with: new))
    }

    /// The diagnostics of a load that must fail.
    func diagnostics() throws -> [String] {
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try LabPack.load(from: labs)
            Issue.record("the broken pack loaded without error")
            return []
        } catch let error as LabPackError {
            return error.diagnostics.map(\.description)
        }
    }
}

@Suite struct BrokenPackTests {
    @Test func theScratchPackItselfLoads() throws {
        let scratch = try ScratchPack()
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        let pack = try LabPack.load(from: scratch.labs)
        #expect(pack.tasks.map(\.id) == ["t1"])
    }

    @Test func unknownKeyIsReportedAtItsLineAndColumn() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "kind: policy\n", "kind: policy\nhnits: [x]\n")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("labs/t1/task.yaml:5:1: unknown key `hnits` in task.yaml; expected one of:") == true)
    }

    @Test func unknownKeyInsideANestedRow() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "      result: allow\n", "      result: allow\n      reslut: deny\n")
        #expect(try scratch.diagnostics().contains { $0.hasPrefix("labs/t1/task.yaml:15:7: unknown key `reslut` in a row of `expect`") })
    }

    @Test func missingFieldNamesTheField() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "title: Pull\n", "")
        #expect(try scratch.diagnostics() == ["labs/t1/task.yaml:1:1: missing `title` in task.yaml"])
    }

    @Test func wrongTypeIsReported() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "hints: [hint-1.md]", "hints: hint-1.md")
        #expect(try scratch.diagnostics() == ["labs/t1/task.yaml:6:8: `hints` must be a list, not a single value"])
    }

    @Test func unknownPrincipal() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "    - principal: ci\n", "    - principal: fcj-ecr-ci-cd-usr\n")
        #expect(try scratch.diagnostics() == [
            "labs/t1/task.yaml:12:18: unknown principal `fcj-ecr-ci-cd-usr`; list it in the task's `principals` or `localPrincipals`",
        ])
    }

    @Test func unknownGroup() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "actions: [pull]", "actions: [pull, push]")
        #expect(try scratch.diagnostics() == [
            "labs/t1/task.yaml:13:23: unknown action group `push`; lab.yaml defines: pull",
        ])
    }

    @Test func unknownActionSuggestsTheClosestOne() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/lab.yaml", "ecr:BatchGetImage,", "ecr:BatchGetImages,")
        #expect(try scratch.diagnostics() == [
            "labs/lab.yaml:12:15: `ecr:BatchGetImages` is not an ECR action; did you mean `ecr:BatchGetImage`?",
        ])
    }

    @Test func missingSolutionFile() throws {
        let scratch = try ScratchPack()
        try scratch.remove("solutions/t1/policy.json")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("labs/t1/task.yaml:7:11: `solutions/t1/policy.json`: file is missing") == true)
    }

    @Test func missingHintAndInstructionsAreBothReported() throws {
        let scratch = try ScratchPack()
        try scratch.remove("labs/t1/hint-1.md")
        try scratch.remove("labs/t1/instructions.md")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 2)
        #expect(diagnostics.contains { $0.contains("`labs/t1/hint-1.md`: file is missing") })
        #expect(diagnostics.contains { $0.contains("`labs/t1/instructions.md`: file is missing") })
    }

    @Test func duplicateTaskAndTaskWithoutFolder() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/lab.yaml", "  - t1\n", "  - t1\n  - t1\n  - t2\n")
        #expect(try scratch.diagnostics() == [
            "labs/lab.yaml:20:5: task `t1` is listed twice in `tasks`",
            "labs/lab.yaml:21:5: task `t2` has no folder `labs/t2`; create it with a task.yaml, or remove the entry",
        ])
    }

    @Test func unlistedTaskFolder() throws {
        let scratch = try ScratchPack()
        try scratch.write("labs/t9/task.yaml", "id: t9\n")
        #expect(try scratch.diagnostics() == [
            "labs/lab.yaml: task folder `t9` is not listed in `tasks`; add it to the order or remove the folder",
        ])
    }

    @Test func everyProblemIsCollectedNotJustTheFirst() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "kind: policy\n", "kind: poilcy\n")
        try scratch.edit("labs/t1/task.yaml", "objectives: [configure]", "objectives: [secure]")
        try scratch.edit("labs/lab.yaml", "region: us-east-1", "region: Virginia")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 3)
        #expect(diagnostics.contains { $0.hasPrefix("labs/lab.yaml:7:11: region `Virginia`") })
        #expect(diagnostics.contains { $0.hasPrefix("labs/t1/task.yaml:3:14: unknown objective `secure`") })
        #expect(diagnostics.contains { $0.hasPrefix("labs/t1/task.yaml:4:7: `kind` `poilcy` is not one of: quiz, predict, policy, apply") })
    }

    @Test func aliasBombIsRefusedBeforeItExpands() throws {
        let scratch = try ScratchPack()
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        // As complex keys, Yams would hash the expanded tree while checking for duplicate keys.
        bomb += "? *i\n: 1\n? [*i]\n: 2\n"
        try scratch.write("labs/lab.yaml", bomb)
        #expect(try scratch.diagnostics() == [
            "labs/lab.yaml:1:4: anchors and aliases (`&name`, `*name`) are not allowed in lab files; write the value out, or quote it if you meant a literal `&`",
        ])
    }

    @Test func aliasScannerIgnoresStarsInQuotesCommentsAndBlockScalars() {
        let text = """
            actions: ["ecr:*", 'a *b']   # *not an alias
            text: |
              * a list item, not an alias
              & neither is this
            note: a*b&c
            value: *real

            """
        let hit = AliasScanner.firstAnchorOrAlias(in: text)
        #expect(hit?.line == 6)
        #expect(hit?.column == 8)
    }

    @Test func oversizedFileIsRefused() throws {
        let scratch = try ScratchPack()
        try scratch.write("labs/t1/instructions.md", String(repeating: "x", count: (1 << 20) + 1))
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("`labs/t1/instructions.md`: file is 1048577 bytes, over the 1 MiB limit") == true)
    }

    @Test func oversizedYAMLIsRefusedWithoutParsing() throws {
        let scratch = try ScratchPack()
        try scratch.write("labs/lab.yaml", "title: x\n" + String(repeating: "# padding\n", count: 110_000))
        #expect(try scratch.diagnostics() == ["labs/lab.yaml: file is 1100009 bytes, over the 1 MiB limit for pack files"])
    }

    @Test func invalidYAMLIsLocated() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "title: Pull\n", "title: Pull: the sequel\n")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("labs/t1/task.yaml:2:12: invalid YAML:") == true)
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let scratch = try ScratchPack()
        try scratch.write("labs/lab.yaml", "title: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "\n")
        let diagnostics = try scratch.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasSuffix("YAML is nested more than 1,000 levels deep; flatten it") == true)
    }

    @Test func aSymlinkLeavingThePackIsRefused() throws {
        let scratch = try ScratchPack()
        try scratch.remove("labs/t1/policy.json")
        try FileManager.default.createSymbolicLink(atPath: scratch.labs.appendingPathComponent("t1/policy.json").path,
                                                   withDestinationPath: "/etc/hostname")
        #expect(try scratch.diagnostics() == [
            "labs/t1/task.yaml:5:10: `labs/t1/policy.json`: file leaves the `labs` folder; keep pack files inside it",
        ])
    }

    @Test func aFileNameLeavingThePackIsRefused() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "starter: policy.json", "starter: ../../secret.json")
        #expect(try scratch.diagnostics() == [
            "labs/t1/task.yaml:5:10: file name `../../secret.json` must be a relative path of letters, digits, `.`, `_`, `-` and `/`, without `..`",
        ])
    }

    @Test func contradictoryRowsAreRefused() throws {
        let scratch = try ScratchPack()
        try scratch.edit("labs/t1/task.yaml", "      result: allow\n", """
                  result: allow
                - principal: ci
                  actions: [ecr:BatchGetImage]
                  result: deny

            """)
        try scratch.edit("labs/t1/task.yaml", "actions: [pull]", "actions: [ecr:BatchGetImage]")
        #expect(try scratch.diagnostics() == [
            "labs/t1/task.yaml:15:7: `ci` is expected both to be allowed and denied `ecr:BatchGetImage`",
        ])
    }
}
