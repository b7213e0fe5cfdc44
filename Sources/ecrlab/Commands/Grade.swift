import ArgumentParser
import Foundation
import LabKit
import ProgressStore
import Workshop

enum GradeFormat: String, OutputFormat {
    case table, csv, json, junit
}

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade a class folder into the progress database.",
        discussion: """
            Grades every DIR/<learner>/<task>.<ext>: the task by its id or number (`04-ci-push-pull.json`, \
            `04.json`), policies as .json, quiz and predict answers as .yaml. An apply task's file is the \
            policy to apply: it is graded as applied to the repository. Each file is recorded as a batch \
            attempt; grading the same file again records nothing new. Files that cannot be graded are \
            listed on standard error with the reason and skipped.

            Attempts are recorded as grading goes, a few hundred files (or half a second) per \
            transaction, so a run that is stopped or killed keeps what it recorded and running the same \
            command again records the rest (what is missing first). Ctrl-C (or SIGTERM) stops taking new files, records what is \
            graded, prints it and says how much is left; a second Ctrl-C quits at once.

            Exit codes: 0 everything that could be graded was graded (the verdicts are in the output), \
            2 the folder or the database could not be used, 130 stopped by Ctrl-C, 143 stopped by SIGTERM.
            """)

    @Argument(help: "The class folder: one folder per learner.")
    var folder: String

    @Option(help: "Grading threads (default: one per core).")
    var jobs: Int?

    @Option(help: "The AWS account id the learners used, when it is not the lab's default 111122223333.")
    var account: String?

    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions<GradeFormat>

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let account, account.count != 12 || !account.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("`\(account)` is not an AWS account id: give the 12 digits, e.g. 111122223333")
        }
    }

    func run() throws {
        StopRequest.catchSignals()
        let console = output.console
        let pack = try labs.pack(console: console)
        let database = try store.open(console: console)
        let bar = console.errorsIsTerminal ? ProgressBar() : nil
        var report: (@Sendable (Int, Int) -> Void)?
        if let bar { report = { done, total in bar.update(done, of: total) } }
        let outcome: BatchGradeOutcome
        do {
            outcome = try BatchGrading(pack: pack, database: database, account: account).grade(
                folder: URL(fileURLWithPath: folder), jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                progress: report, shouldStop: { StopRequest.wasRequested })
        } catch {
            bar?.clear()
            console.error("\(error)")
            throw ExitCode.unusableInput
        }
        bar?.clear()
        for skipped in outcome.skipped { console.note("skipped `\(skipped.path)`: \(skipped.reason)") }
        console.write(try BatchGradeText.render(outcome, format: output.format))
        if outcome.wasStopped {
            console.note("interrupted: recorded \(outcome.graded.count) of \(outcome.total) files; run the same command again to grade the rest")
            throw ExitCode(128 + (StopRequest.receivedSignal != 0 ? StopRequest.receivedSignal : SIGINT))
        }
    }
}

/// One line on standard error, redrawn in place; only used on a terminal.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var shown = -1

    func update(_ done: Int, of total: Int) {
        let percent = total == 0 ? 100 : done * 100 / total
        lock.withLock {
            guard percent != shown else { return }
            shown = percent
            let filled = percent / 4
            let line = "\rgrading [" + String(repeating: "#", count: filled) + String(repeating: "-", count: 25 - filled)
                + "] \(done)/\(total)"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func clear() {
        lock.withLock {
            if shown >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }
}
