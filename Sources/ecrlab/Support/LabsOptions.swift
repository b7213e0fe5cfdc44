import ArgumentParser
import Foundation
import LabKit

struct LabsOptions: ParsableArguments {
    @Option(help: "The labs folder (default: ./labs, else the one next to this ecrlab's package).")
    var labs: String?

    /// `--labs` as given; else `./labs` when it holds a lab.yaml; else the `labs/` folder found walking up
    /// from the executable, so `swift run ecrlab …` works from anywhere in the package.
    func folder() -> URL? {
        if let labs { return URL(fileURLWithPath: labs) }
        let fileManager = FileManager.default
        let local = LabPack.defaultFolder
        if fileManager.fileExists(atPath: local.appendingPathComponent("lab.yaml").path) { return local }
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        while directory.path != "/" && !directory.path.isEmpty {
            let candidate = directory.appendingPathComponent("labs")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("lab.yaml").path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// Loads the pack, reporting every problem on standard error and exiting with `failure` when it cannot.
    func pack(console: Console, failure: ExitCode = .unusableInput) throws -> LabPack {
        guard let folder = folder() else {
            console.error("no labs folder here: run from the folder that holds `labs/`, or name it with `--labs DIR`")
            throw ExitCode.unusableInput
        }
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("lab.yaml").path) else {
            console.error("`\(labs ?? folder.path)` is not a labs folder: it has no lab.yaml")
            throw ExitCode.unusableInput
        }
        do {
            return try LabPack.load(from: folder)
        } catch let error as LabPackError {
            for diagnostic in error.diagnostics { console.error(diagnostic.description) }
            console.note("the lab pack has \(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s"); fix them and run again")
            throw failure
        }
    }
}
