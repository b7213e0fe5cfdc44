import Foundation
import LabKit
import ProgressStore
@testable import Workshop

/// The repository's own lab pack, a fresh database and an empty work folder for one test.
final class LearnerFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    nonisolated(unsafe) static let sharedPack: LabPack = try! LabPack.load(from: packageRoot.appendingPathComponent("labs"))

    let folder: URL
    let database: ProgressDatabase
    let session: LearnerSession

    init(learner: String = "alice") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecrlab-learner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try ProgressDatabase.temporary()
        session = try LearnerSession(pack: Self.sharedPack, database: database, learnerName: learner,
                                     workFolder: folder.appendingPathComponent("work"))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var pack: LabPack { session.pack }

    func task(_ reference: String) throws -> LabTask { try session.task(reference) }

    func solution(_ reference: String) throws -> Submission {
        let task = try task(reference)
        return Submission(text: task.solution.text, fileName: "solution")
    }
}
