import ArgumentParser
import Foundation
import LabKit

/// `--labs DIR`, shared by every command that reads the lab pack.
/// `ecrlab labs …`: commands for whoever writes or maintains the lab pack.
struct Labs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the lab pack itself.",
        subcommands: [LabsVerify.self])
}

struct LabsVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every solution passes its task and every starter fails it.",
        discussion: """
            Loads the pack (reporting every problem in it), grades each task's solution (for the default \
            account and for a learner with their own) and its starter, and lints every policy the pack owns. \
            Exit codes: 0 the pack verifies, 1 it does not, 2 the labs folder cannot be found.
            """)

    @OptionGroup var labs: LabsOptions

    @Option(help: "Colour: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let console = Console(color: color)
        let pack = try labs.pack(console: console, failure: .checkFailed)
        let verification = PackVerification.verify(pack)
        console.write(VerificationRenderer(colored: console.colorsOutput).render(verification))
        if !verification.passed { throw ExitCode.checkFailed }
    }
}
