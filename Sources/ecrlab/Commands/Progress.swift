import ArgumentParser
import Foundation
import ProgressStore
import Workshop

/// `ecrlab progress export|import`: a learner's attempts travel to the instructor as a bundle.
struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a learner's progress to the instructor's database.",
        subcommands: [ProgressExport.self, ProgressImport.self])
}

struct ProgressExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a learner's attempts (with what they submitted) and hints as a bundle.",
        discussion: "Exit codes: 0 written, 2 no such learner, or the database or the file could not be used.")

    @Option(help: "Write the bundle to this file instead of standard output.")
    var output: String?

    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let console = Console(color: .auto)
        let pack = try labs.pack(console: console)
        let database = try store.open(console: console)
        let data: Data
        do {
            data = try ProgressTransfer(pack: pack, database: database).export(learner: store.learnerName)
        } catch {
            console.error("\(error)")
            throw ExitCode.unusableInput
        }
        guard let output else {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        do {
            try OutputFile.write(data + Data("\n".utf8), to: output)
        } catch {
            console.error(error.message)
            throw ExitCode.unusableInput
        }
        console.note("wrote the progress of `\(store.learnerName)` to `\(output)`; hand this file to your instructor")
    }
}

struct ProgressImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge learners' bundles into this database, re-grading every attempt.",
        discussion: """
            Every attempt is graded again from the text the learner submitted, so the verdicts written in a \
            bundle count for nothing; importing a bundle twice adds nothing. Exit codes: 0 every bundle \
            imported, 2 a file could not be read or is not a bundle (the others are still imported).
            """)

    @Argument(help: "Bundles written by `ecrlab progress export`.")
    var files: [String]

    @Option(help: "The AWS account id the learners used, when it is not the lab's default 111122223333.")
    var account: String?

    @OptionGroup var labs: LabsOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one bundle to import") }
        if let account, account.count != 12 || !account.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("`\(account)` is not an AWS account id: give the 12 digits, e.g. 111122223333")
        }
    }

    func run() throws {
        let console = Console(color: .auto)
        let pack = try labs.pack(console: console)
        let database = try store.open(console: console)
        let transfer = ProgressTransfer(pack: pack, database: database, account: account)
        var failed = false
        for file in files {
            do {
                let input = try InputFile.read(file, limit: 64 << 20)
                let summary = try transfer.importBundle(Data(input.bytes), path: file)
                var line = "`\(file)`: \(summary.learner), \(summary.added) attempt\(summary.added == 1 ? "" : "s") added, \(summary.alreadyRecorded) already there, \(summary.hintsAdded) hint\(summary.hintsAdded == 1 ? "" : "s") added"
                if summary.verdictsOverruled > 0 {
                    line += "; \(summary.verdictsOverruled) verdict\(summary.verdictsOverruled == 1 ? "" : "s") in the bundle differed from the re-grade (the re-grade counts)"
                }
                console.write(line + "\n")
                if !summary.unknownTasks.isEmpty {
                    console.note("`\(file)`: skipped attempts at tasks this lab does not have: \(summary.unknownTasks.joined(separator: ", "))")
                }
            } catch let error as InputFile.ReadError {
                console.error(error.message)
                failed = true
            } catch {
                console.error("\(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.unusableInput }
    }
}
