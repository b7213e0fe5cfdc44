import Foundation
import Testing

/// `ecrlab` with no command. Not a golden file: the overview grows with every command that lands.
@Suite struct RootCommandTests {
    @Test func noArgumentsShowsTheOverviewAndSucceeds() throws {
        let workspace = try TemporaryWorkspace()
        let bare = try workspace.run([])
        let help = try workspace.run(["--help"])
        #expect(bare.exitCode == 0)
        #expect(bare.stderr.isEmpty)
        #expect(bare.stdout.hasPrefix("OVERVIEW: "))
        #expect(bare.stdout.contains("\n  lint "))
        #expect(bare.stdout.trimmingCharacters(in: .newlines) == help.stdout.trimmingCharacters(in: .newlines))
    }

    @Test func versionIsPrinted() throws {
        let result = try ECRLabExecutable.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
