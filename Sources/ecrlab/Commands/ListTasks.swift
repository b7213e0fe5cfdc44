import ArgumentParser
import Workshop

struct ListTasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every task with its objective and your state on it.")

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let progress = try console.attempt { try session.progress() }
        let width = progress.rows.map(\.task.id.count).max() ?? 0
        var text = ""
        for row in progress.rows {
            let marker = row.task.id == progress.current.id ? ">" : " "
            let objective = row.task.objectives.compactMap { session.pack.objective($0)?.text }.joined(separator: " ")
            let id = row.task.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let state = row.state.passed ? console.success(row.state.label) : row.state.label
            text += "\(marker) \(id)  \(state)\n    \(row.task.title)\n    \(console.faint("objective: \(objective)"))\n"
        }
        text += "\(progress.bar) \(progress.passedCount)/\(progress.total) passed\n"
        console.write(text)
    }
}
