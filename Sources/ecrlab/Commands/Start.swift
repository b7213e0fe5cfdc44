import ArgumentParser
import Workshop

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a task and write its starter into work/ (never over your own work).")

    @Argument(help: "The task: its id or number (default: the current task).")
    var task: String?

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let started = try console.attempt { try session.start(try session.task(task)) }
        console.write(TerminalMarkdown(styled: console.colorsOutput).render(started.instructions))
        console.write("\n")
        if let file = started.workFile {
            let path = session.displayPath(file)
            console.write(started.wroteStarter
                ? "your file: `\(path)` (the starter). Edit it, then run `ecrlab check`.\n"
                : "your file: `\(path)` (kept as you left it; `ecrlab reset` puts the starter back). Run `ecrlab check` when ready.\n")
        } else {
            console.write("no file to edit here: use `ecrlab repo set-policy` and `ecrlab simulate`, then run `ecrlab check`.\n")
        }
    }
}
