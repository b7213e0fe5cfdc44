import Foundation

/// Where a learner's workshop lives: the lab pack, the answers being edited and the progress
/// database. Resolved once by the CLI and passed to the workflows, which never guess paths.
public struct WorkshopFolders: Sendable {
    public var labs: URL
    /// `work/`: the learner's answers, one file per task.
    public var work: URL
    public var database: URL

    public init(labs: URL, work: URL, database: URL) {
        self.labs = labs
        self.work = work
        self.database = database
    }
}
