import ArgumentParser
import Foundation
import LabKit
import ProgressStore
import Workshop

/// `--labs`, `--db`, `--learner` and `--color`, shared by the learner commands, and the session they
/// open: the pack, the progress database and `work/` in the current folder.
struct LearnerOptions: ParsableArguments {
    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "Colour: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    var console: Console { Console(color: color) }

    func session(console: Console) throws -> LearnerSession {
        try Self.session(labs: labs, store: store, console: console)
    }

    static func session(labs: LabsOptions, store: StoreOptions, console: Console) throws -> LearnerSession {
        let pack = try labs.pack(console: console)
        let database = try store.open(console: console)
        let work = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("work")
        do {
            return try LearnerSession(pack: pack, database: database, learnerName: store.learnerName, workFolder: work)
        } catch {
            console.error("\(error)")
            throw ExitCode.unusableInput
        }
    }
}

extension Console {
    /// Runs a learner step, turning its failure into one line on standard error and exit code 2.
    func attempt<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            self.error("\(error)")
            throw ExitCode.unusableInput
        }
    }

    func emphasis(_ text: String) -> String { colorsOutput ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func success(_ text: String) -> String { colorsOutput ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    func faint(_ text: String) -> String { colorsOutput ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    var learnerOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    var learnerInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}

extension TaskState {
    /// `passed`, `attempted ×3`, `not started`.
    var label: String {
        switch status {
        case .notStarted: "not started"
        case .attempted(let count): "attempted ×\(count)"
        case .passed: "passed"
        }
    }
}
