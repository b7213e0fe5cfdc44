import ArgumentParser
import Foundation
import LabKit
import Workshop

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a task again every time you save its file, until Ctrl-C.")

    @Argument(help: "The task: its id or number (default: the current task).")
    var task: String?

    @Flag(help: "Poll the file every half second instead of using inotify.")
    var poll = false

    @Flag(help: "Grade without recording the attempts.")
    var noRecord = false

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let task = try console.attempt { try session.task(self.task) }
        guard task.kind != .apply else {
            console.error("`\(task.id)` has no file to watch: apply the policy with `ecrlab repo set-policy`, then run `ecrlab check`")
            throw ExitCode.validationFailure
        }
        let file = session.workFile(for: task)
        guard FileManager.default.fileExists(atPath: file.path) else {
            console.error("`\(session.displayPath(file))` does not exist yet; run `ecrlab start \(task.id)` first")
            throw ExitCode.unusableInput
        }
        // Read between bounded waits, so a check under way finishes (and records) before the summary.
        StopRequest.catchSignals()
        let watcher = FileChangeWatcher(file: file, forcePolling: poll)
        console.note("watching `\(session.displayPath(file))` (\(watcher.usesInotify ? "inotify" : "polling every 0.5 s")); Ctrl-C to stop")
        var checks = 0
        var passed = false
        func checkOnce() {
            checks += 1
            do {
                let checked = try session.check(task, record: !noRecord)
                passed = checked.result.passed
                let stamp = Date().formatted(date: .omitted, time: .standard)
                // One write, so that whoever reads the output never sees a check's header without its result.
                console.write(console.faint("── \(stamp) check \(checks)") + "\n"
                    + GradeTextRenderer(colored: console.colorsOutput).render(checked.result))
                Check.sayWhatComesNext(checked, console: console)
            } catch {
                console.error("\(error)")
            }
        }
        checkOnce()
        while !StopRequest.wasRequested {
            if watcher.waitForChange() && !StopRequest.wasRequested { checkOnce() }
        }
        console.write("\nstopped watching after \(checks) check\(checks == 1 ? "" : "s"); \(task.id) is \(passed ? "passed" : "not passed yet")\n")
    }
}
