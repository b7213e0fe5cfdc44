import ArgumentParser
import Foundation
import ProgressStore
import Workshop

/// `ecrlab roster …`: the class list, so learners appear in reports before they start.
struct Roster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the class roster.",
        subcommands: [RosterImport.self])
}

struct RosterImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add or update learners from a CSV file.",
        discussion: """
            The first row names the columns, in any order: `name` (required), `display name`, `email`, \
            `group`. Importing again updates learners, never duplicates them; an empty cell keeps what is \
            known. Any bad row refuses the whole file. Exit codes: 0 imported, 2 the file could not be used.
            """)

    @Argument(help: "The roster, e.g. roster.csv.")
    var file: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        let console = Console(color: .auto)
        let text: String
        do {
            // Refused whole when over the limit or not UTF-8: a roster cut short would import part of a class.
            text = try InputFile.read(file, limit: 16 << 20).text(then: "import it again")
        } catch {
            console.error(error.message)
            throw ExitCode.unusableInput
        }
        let database = try store.open(console: console)
        do {
            let summary = try database.importRoster(try RosterFile.rows(text))
            console.write("roster `\(file)`: \(summary.created) added, \(summary.updated) updated, \(summary.unchanged) unchanged\n")
        } catch let error as RosterFile.FormatError {
            console.error("`\(file)` \(error.description); fix it and import again (nothing was imported)")
            throw ExitCode.unusableInput
        } catch let error as ProgressStoreError {
            // A roster row's problem belongs to the file; the database's own trouble names the database.
            if case .invalidRosterRow = error {
                console.error("`\(file)`: \(error)")
            } else {
                console.error("\(error)")
            }
            throw ExitCode.unusableInput
        } catch {
            console.error("`\(file)`: \(error)")
            throw ExitCode.unusableInput
        }
    }
}
