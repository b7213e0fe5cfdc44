import ArgumentParser
import Foundation
import ProgressStore
import Workshop

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every attempt of a learner, with its verdict, score and feedback.",
        discussion: "Exit codes: 0 shown, 2 no such learner or task, or the database could not be used.")

    @Argument(help: "The learner's name.")
    var learnerName: String

    @Argument(help: "Only this task: its id or number.")
    var task: String?

    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let console = Console(color: .auto)
        var taskId: String?
        if let task {
            let pack = try labs.pack(console: console)
            guard let found = pack.task(matching: task) else {
                console.error("there is no task `\(task)`; the tasks are: \(pack.tasks.map(\.id).joined(separator: ", "))")
                throw ExitCode.unusableInput
            }
            taskId = found.id
        }
        let database = try store.open(console: console)
        do {
            guard let learner = try database.existingLearner(named: learnerName) else {
                throw ProgressStoreError.unknownLearner(name: learnerName)
            }
            let entries = try database.history(learner: learner.id, task: taskId)
            console.write(AttemptHistoryText.render(learner: learner, entries: entries, task: taskId))
        } catch {
            console.error("\(error)")
            throw ExitCode.unusableInput
        }
    }
}
