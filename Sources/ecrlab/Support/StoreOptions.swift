import ArgumentParser
import Foundation
import ProgressStore

/// `--db` and `--learner`, shared by every command that reads or records progress.
struct StoreOptions: ParsableArguments {
    @Option(help: "The progress database (default: $ECRLAB_DB, else progress/ecrlab.sqlite).")
    var db: String?

    @Option(help: "Whose progress (default: $ECRLAB_LEARNER, else your login name).")
    var learner: String?

    /// `--db`, then ECRLAB_DB, then `progress/ecrlab.sqlite` in the current folder.
    var databasePath: String {
        if let db, !db.isEmpty { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["ECRLAB_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "progress/ecrlab.sqlite"
    }

    /// `--learner`, then ECRLAB_LEARNER, then the login name; validated before use.
    var learnerName: String {
        if let learner, !learner.isEmpty { return learner }
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["ECRLAB_LEARNER"], !name.isEmpty { return name }
        if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
        return "learner"
    }

    func validate() throws {
        do {
            try LearnerName.validate(learnerName)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Opens the database, turning a failure into one line on standard error and exit code 2.
    func open(console: Console) throws -> ProgressDatabase {
        do {
            return try ProgressDatabase(path: databasePath)
        } catch {
            console.error("\(error)")
            throw ExitCode.unusableInput
        }
    }
}
