import ArgumentParser
import Foundation
import Workshop

enum ReportFormat: String, OutputFormat {
    case table, csv, json, html
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The class report: who is done, who is stuck, which mistakes the class makes.",
        discussion: """
            Shows every learner against every task (passed, attempted with the number of attempts, not \
            started, hints taken), mastery per objective, the most common failed checks, who is stuck \
            (3 or more attempts without a pass) and who has not started. `csv` is a gradebook: one row \
            per learner, the best score of each task, then tasks passed, score and total. `html` is one \
            self-contained file. Exit codes: 0 written, 2 the database or the output file could not be used.
            """)

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Only the learners of this roster group.")
    var group: String?

    @Option(help: "How many of the most common failed checks to list.")
    var mistakes = 10

    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var options: OutputOptions<ReportFormat>

    func run() throws {
        let console = options.console
        let pack = try labs.pack(console: console)
        let database = try store.open(console: console)
        let overview: ClassOverview
        let text: String
        do {
            overview = try ClassOverview.build(pack: pack, database: database, group: group, mistakes: max(mistakes, 0))
            switch options.format {
            case .table: text = ClassOverviewText.table(overview)
            case .csv: text = ClassOverviewText.csv(overview)
            case .json: text = try ClassOverviewText.json(overview)
            case .html: text = try ClassOverviewHTML.render(overview)
            }
        } catch {
            console.error("\(error)")
            throw ExitCode.unusableInput
        }
        guard let output else {
            console.write(text)
            return
        }
        do {
            try OutputFile.write(Data(text.utf8), to: output)
        } catch {
            console.error(error.message)
            throw ExitCode.unusableInput
        }
        console.note("wrote the class report (\(overview.learners.count) learners) to `\(output)`")
    }
}
