import ArgumentParser
import Foundation
import Workshop

struct Reset: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a task's starter back in work/, replacing your file (asks first).")

    @Argument(help: "The task: its id or number (default: the current task).")
    var task: String?

    @Flag(name: [.customShort("y"), .long], help: "Do not ask; replace the file.")
    var yes = false

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let task = try console.attempt { try session.task(self.task) }
        let path = session.displayPath(session.workFile(for: task))
        if !yes {
            guard console.learnerInputIsTerminal else {
                console.error("`ecrlab reset` replaces `\(path)` with the starter; add `--yes` to confirm when not on a terminal")
                throw ExitCode.validationFailure
            }
            FileHandle.standardError.write(Data("replace `\(path)` with the starter of \(task.id)? your edits are lost [y/N] ".utf8))
            let reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard reply == "y" || reply == "yes" else {
                console.write("nothing changed.\n")
                return
            }
        }
        let file = try console.attempt { try session.reset(task) }
        console.write("`\(session.displayPath(file))` is the starter again.\n")
    }
}
