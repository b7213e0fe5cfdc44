import ArgumentParser
import Foundation
import LabKit
import Workshop

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Where you are: the current task, your progress, the command to run next.")

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let progress = try console.attempt { try session.progress() }
        let current = progress.current
        let state = progress.rows.first { $0.task.id == current.id }?.state
        console.write("""
            \(console.emphasis("\(session.pack.title)")) · learner \(session.learner.name)
            \(progress.bar) \(progress.passedCount)/\(progress.total) passed
            current task: \(console.emphasis(current.id)) (\(current.title)), \(state?.label ?? "not started")
            next: \(Self.nextCommand(session: session, progress: progress))

            """)
    }

    /// The one command that moves the learner on from where they are.
    static func nextCommand(session: LearnerSession, progress: LearnerProgress) -> String {
        let current = progress.current
        let passed = progress.rows.first { $0.task.id == current.id }?.state.passed ?? false
        if progress.isComplete { return "nothing left: every task is passed. `ecrlab list` shows them all" }
        if passed {
            return session.task(after: current) == nil
                ? "`ecrlab list` shows the tasks still to pass"
                : "`ecrlab next` to move on"
        }
        if current.kind == .apply { return "`ecrlab start \(current.id)`, then `ecrlab repo set-policy …` and `ecrlab check`" }
        let file = session.workFile(for: current)
        if !FileManager.default.fileExists(atPath: file.path) { return "`ecrlab start` to begin \(current.id)" }
        return "edit `\(session.displayPath(file))`, then `ecrlab check` (stuck? `ecrlab hint`)"
    }
}
