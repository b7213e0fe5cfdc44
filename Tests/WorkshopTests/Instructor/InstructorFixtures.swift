import Foundation
import LabKit
import ProgressStore
@testable import Workshop

/// The real lab pack, loaded once, and a throw-away class folder.
enum InstructorFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let pack: LabPack = try! LabPack.load(from: packageRoot.appendingPathComponent("labs"))

    static func solution(_ task: String) -> String { pack.task(matching: task)!.solution.text }

    static var starter04: String { pack.task(matching: "04")!.starter!.text }
}

/// A temporary folder, removed when the value goes away.
final class ClassFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("class-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ text: String, to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}
