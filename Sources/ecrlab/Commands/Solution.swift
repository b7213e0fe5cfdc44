import ArgumentParser
import Workshop

struct Solution: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The reference answer of a task, once you have passed it.")

    @Argument(help: "The task: its id or number.")
    var task: String

    @Flag(help: "Show it even if the task is not passed (for instructors).")
    var instructor = false

    @OptionGroup var options: LearnerOptions

    func run() throws {
        let console = options.console
        let session = try options.session(console: console)
        let task = try console.attempt { try session.task(self.task) }
        let solution: LearnerSession.Solution
        do {
            solution = try session.solution(task, instructor: instructor)
        } catch let error as LearnerError {
            console.error("\(error)")
            throw ExitCode.checkFailed
        }
        console.write(solution.text.hasSuffix("\n") ? solution.text : solution.text + "\n")
        if let explanation = solution.explanation {
            console.write("\n" + TerminalMarkdown(styled: console.colorsOutput).render(explanation))
        }
    }
}
