import ArgumentParser
import Workshop

struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move on to the next task, once the current one is passed.")

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        switch try console.attempt({ try session.next() }) {
        case .moved(let task):
            console.write("now on \(console.emphasis(task.id)): \(task.title)\nrun `ecrlab start` to see it.\n")
        case .finished:
            console.write("that was the last task: every step of the section is done. `ecrlab list` shows your record.\n")
        case .notPassed(let task):
            console.error("`\(task.id)` is not passed yet; `ecrlab check` it until it passes (stuck? `ecrlab hint`)")
            throw ExitCode.checkFailed
        }
    }
}
