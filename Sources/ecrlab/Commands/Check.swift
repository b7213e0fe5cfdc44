import ArgumentParser
import Foundation
import LabKit

enum CheckFormat: String, OutputFormat {
    case text, json, junit
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade a file against a task and say what to fix.",
        discussion: """
            TASK is the task's id or its number (`4` or `04` for `04-ci-push-pull`). Nothing is recorded. \
            Exit codes: 0 passed, 1 not passed, 2 the file or the task could not be used.
            """)

    @Argument(help: "The task: its id or its number.")
    var task: String

    @Argument(help: "Your policy or answer file, e.g. work/04-ci-push-pull.json; `-` reads standard input.")
    var file: String?

    @Option(help: "Your AWS account id, when it is not the lab's default 111122223333.")
    var account: String?

    @OptionGroup var labs: LabsOptions

    @OptionGroup var output: OutputOptions<CheckFormat>

    func validate() throws {
        if let account, account.count != 12 || !account.allSatisfy(\.isASCII) || !account.allSatisfy(\.isNumber) {
            throw ValidationError("`\(account)` is not an AWS account id: give the 12 digits, e.g. 111122223333")
        }
    }

    func run() throws {
        let console = output.console
        let pack = try labs.pack(console: console)
        guard let task = pack.task(matching: task) else {
            console.error("there is no task `\(self.task)`; the tasks are: \(pack.tasks.map(\.id).joined(separator: ", "))")
            throw ExitCode.unusableInput
        }
        if let account, pack.reservedAccounts.contains(account) {
            console.error("`\(account)` is the lab's \"other account\"; give your own account id")
            throw ExitCode.unusableInput
        }
        let submission: Submission
        if let file {
            submission = try read(file, console: console)
        } else if task.kind == .apply {
            submission = Submission(text: "", fileName: "-")
        } else {
            let example = "work/\(task.id).\(task.starter?.fileExtension ?? "json")"
            console.error("name the file to check, e.g. `ecrlab check \(self.task) \(example)`")
            throw ExitCode.validationFailure
        }
        // The local repository arrives with the learner flow; until then an apply task has nothing applied.
        let result = Grader(pack: pack, environment: pack.environment(account: account)).grade(submission, for: task)
        switch output.format {
        case .text: console.write(GradeTextRenderer(colored: console.colorsOutput).render(result))
        case .json: console.write(GradeJSONRenderer().render(result))
        case .junit: console.write(JUnitRenderer().render([result]))
        }
        if !result.passed { throw ExitCode.checkFailed }
    }

    private func read(_ path: String, console: Console) throws -> Submission {
        let input: InputFile
        do {
            input = try InputFile.read(path)
        } catch {
            console.error(error.message)
            throw ExitCode.unusableInput
        }
        guard let text = String(validating: input.bytes, as: UTF8.self) else {
            console.error("cannot read `\(input.name)`: it is not UTF-8 text; save it as UTF-8 and check again")
            throw ExitCode.unusableInput
        }
        return Submission(text: text, fileName: input.name)
    }
}
