import ArgumentParser
import Workshop

struct Hint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The next hint for a task (hints come one at a time and are recorded).")

    @Argument(help: "The task: its id or number (default: the current task).")
    var task: String?

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let (task, hint) = try console.attempt {
            let task = try session.task(self.task)
            return (task, try session.hint(task))
        }
        guard hint.level > 0 else {
            console.write("`\(task.id)` has no hints.\n")
            return
        }
        let total = task.hints.count
        console.write(console.emphasis("hint \(hint.level)/\(total) for \(task.id)") + "\n")
        console.write(TerminalMarkdown(styled: console.colorsOutput).render(hint.text))
        switch hint.remaining {
        case 0: console.write(hint.repeated ? "that was the last hint.\n" : "no hints left.\n")
        case 1: console.write("1 hint left: `ecrlab hint` again.\n")
        default: console.write("\(hint.remaining) hints left: `ecrlab hint` again.\n")
        }
    }
}
