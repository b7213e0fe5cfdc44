import ArgumentParser
import Foundation
import LabKit
import Workshop

enum CheckFormat: String, OutputFormat {
    case text, json, junit
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade your work on a task, say what to fix, and record the attempt.",
        discussion: """
            TASK is the task's id or its number (`4` or `04` for `04-ci-push-pull`); without it, the current \
            task. FILE defaults to the task's file in work/. The attempt is recorded unless --no-record. \
            Exit codes: 0 passed, 1 not passed, 2 the file or the task could not be used.
            """)

    @Argument(help: "The task: its id or its number (default: the current task).")
    var task: String?

    @Argument(help: "Your policy or answer file (default: work/<task>.<ext>); `-` reads standard input.")
    var file: String?

    @Option(help: "Your AWS account id for this check, instead of the one set with `ecrlab config account`.")
    var account: String?

    @Flag(help: "Grade without recording the attempt.")
    var noRecord = false

    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions<CheckFormat>

    func validate() throws {
        if let account, account.count != 12 || !account.allSatisfy(\.isASCII) || !account.allSatisfy(\.isNumber) {
            throw ValidationError("`\(account)` is not an AWS account id: give the 12 digits, e.g. 111122223333")
        }
    }

    func run() throws {
        let console = output.console
        let session = try LearnerOptions.session(labs: labs, store: store, console: console)
        let task: LabTask
        do {
            task = try session.task(self.task)
        } catch {
            console.error("\(error)")
            throw ExitCode.unusableInput
        }
        if let account, session.pack.reservedAccounts.contains(account) {
            console.error("`\(account)` is the lab's \"other account\"; give your own account id")
            throw ExitCode.unusableInput
        }
        var submission: Submission?
        if let file {
            submission = try read(file, console: console)
        } else if output.format == .text, console.learnerInputIsTerminal, console.learnerOutputIsTerminal,
                  let choices = try QuizPrompt.askIfUnanswered(task, session: session, console: console) {
            submission = Submission(text: try console.attempt { try session.answerSheet(task, choices: choices) },
                                    fileName: session.displayPath(session.workFile(for: task)))
            try console.attempt {
                try FileManager.default.createDirectory(at: session.workFolder, withIntermediateDirectories: true)
                try Data(submission!.text.utf8).write(to: session.workFile(for: task), options: .atomic)
            }
        }
        let checked = try console.attempt { try session.check(task, submission: submission, record: !noRecord, account: account) }
        switch output.format {
        case .text:
            console.write(GradeTextRenderer(colored: console.colorsOutput).render(checked.result))
            // Only in the lesson's flow: checking some other task's file is a tool use, not a step.
            if self.task == nil || (try? session.currentTask().id) == task.id {
                Self.sayWhatComesNext(checked, console: console)
            }
        case .json: console.write(GradeJSONRenderer().render(checked.result))
        case .junit: console.write(JUnitRenderer().render([checked.result]))
        }
        if !checked.result.passed { throw ExitCode.checkFailed }
    }

    /// After a pass, the way on; after a failure, where help is. On standard error, so that the
    /// feedback on standard output stays the grader's alone.
    static func sayWhatComesNext(_ checked: LearnerSession.Checked, console: Console) {
        if checked.result.passed {
            if let next = checked.nextTask {
                console.note("passed! next: `ecrlab next` moves you on to \(next.id)")
            } else {
                console.note("passed! that was the last task; `ecrlab status` shows your progress")
            }
        } else if checked.task.kind == .policy || checked.task.kind == .apply {
            console.note("not yet: fix what is listed and check again (stuck? `ecrlab hint`)")
        }
    }

    private func read(_ path: String, console: Console) throws -> Submission {
        do {
            let input = try InputFile.read(path)
            return Submission(text: try input.text(), fileName: input.name)
        } catch {
            console.error(error.message)
            throw ExitCode.unusableInput
        }
    }
}
