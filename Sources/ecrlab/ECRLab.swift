import ArgumentParser
import Foundation

/// The root command. Each subcommand lives in its own file under Commands/ and joins one of the
/// groups below, so `ecrlab --help` lists commands the way DESIGN.md presents them.
@main
struct ECRLab: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ecrlab",
        abstract: "Learn, check and explain ECR repository access policies, offline.",
        discussion: """
            Exit codes: 0 success, 1 the checked thing failed (a policy error, a task not passed), \
            2 the input could not be used (missing, unreadable, not a policy), 64 wrong usage.
            """,
        version: version,
        groupedSubcommands: [
            CommandGroup(name: "Learner", subcommands: [
                Status.self, ListTasks.self, Start.self, Check.self, Watch.self, Hint.self, Answer.self, Next.self,
                Solution.self, Reset.self, Config.self, Repo.self,
            ]),
            CommandGroup(name: "Policy tools", subcommands: [Lint.self, Explain.self, Simulate.self]),
            CommandGroup(name: "Instructor", subcommands: [
                Roster.self, Grade.self, Report.self, History.self, Progress.self, Labs.self,
            ]),
        ],
        // With no command: where the learner is and what to do next.
        defaultSubcommand: Status.self)

    static func main() async {
        // A write past the file size limit (`ulimit -f`) also sends SIGXFSZ, whose default action kills
        // the process before SQLite or a file write can report the failure. Today commands run on
        // Swift's concurrency threads, which block the signal; ignoring it keeps that true for a write
        // on any thread: the write fails with EFBIG, the transaction rolls back, the user gets a line.
        signal(SIGXFSZ, SIG_IGN)
        await main(nil)
    }
}
