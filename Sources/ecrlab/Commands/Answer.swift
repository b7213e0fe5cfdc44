import ArgumentParser
import LabKit
import Workshop

struct Answer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a quiz or predict task from the command line, and check the answers.",
        discussion: """
            One CHOICE per question or scenario, in order: `ecrlab answer 1 b a a,c,d a` \
            (several choices joined by commas), or by id: `q3=a,c,d`. Predictions are allow or deny.
            """)

    @Argument(help: "The task: its id or number.")
    var task: String

    @Argument(help: "The choices, one per question or scenario.")
    var choices: [String] = []

    @Flag(help: "Grade without recording the attempt.")
    var noRecord = false

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let checked = try console.attempt { try session.answer(try session.task(task), choices: choices, record: !noRecord) }
        console.write(GradeTextRenderer(colored: console.colorsOutput).render(checked.result))
        Check.sayWhatComesNext(checked, console: console)
        if !checked.result.passed { throw ExitCode.checkFailed }
    }
}
