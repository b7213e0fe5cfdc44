import Foundation
import Testing

/// `ecrlab` with no command shows where the learner is; `--help` lists every command by group.
@Suite struct RootCommandTests {
    @Test func noArgumentsShowsTheLearnersStatus() throws {
        let workspace = try TemporaryWorkspace()
        let bare = try workspace.run([])
        #expect(bare.exitCode == 0, "\(bare.stderr)")
        #expect(bare.stdout.hasPrefix("ECR Repository Access Policy"), "\(bare.stdout)")
        #expect(bare.stdout.contains("ecrlab start"), "the status names the next command: \(bare.stdout)")
    }

    @Test func helpListsTheCommandsOfEveryGroup() throws {
        let help = try ECRLabExecutable.run(["--help"])
        #expect(help.exitCode == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: "))
        for command in ["status", "check", "hint", "lint", "explain", "simulate", "grade", "report", "labs"] {
            #expect(help.stdout.contains("\n  \(command) "), "`\(command)` is listed")
        }
    }

    @Test func versionIsPrinted() throws {
        let result = try ECRLabExecutable.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
