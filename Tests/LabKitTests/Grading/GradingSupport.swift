import Foundation
import Testing
@testable import LabKit

/// Grading the real pack's tasks with a learner's text.
struct GradingBench {
    let pack: LabPack
    let grader: Grader

    init(account: String? = nil) throws {
        pack = try RepositoryPack.load()
        grader = Grader(pack: pack, environment: pack.environment(account: account))
    }

    func task(_ id: String) throws -> LabTask { try #require(pack.task(id)) }

    func grade(_ taskID: String, _ text: String, file: String? = nil, applied: String? = nil) throws -> GradeResult {
        let task = try task(taskID)
        let name = file ?? "work/\(task.id).\(task.starter?.fileExtension ?? "json")"
        return grader.grade(Submission(text: text, fileName: name), for: task,
                            appliedPolicy: applied.map { Submission(text: $0, fileName: "fcj-workshop-app policy") })
    }

    func solution(_ taskID: String) throws -> String { try task(taskID).solution.text }
}

extension GradeResult {
    func check(_ id: String) -> CheckOutcome? { checks.first { $0.id == id } }
    var failedIDs: [String] { failedChecks.map(\.id) }
}

/// Expected grader output kept in Tests/LabKitTests/Grading/Golden/. Compared byte for byte; set
/// `ECRLAB_RECORD_GOLDEN=1` to (re)write them from the current output, then review the diff.
enum GradingGolden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["ECRLAB_RECORD_GOLDEN"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name + ".txt")
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file \(name).txt; record it with ECRLAB_RECORD_GOLDEN=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            var where_ = "(they differ only in line endings)"
            for index in 0..<max(e.count, a.count) {
                let left = index < e.count ? String(e[index]) : "<end of file>"
                let right = index < a.count ? String(a[index]) : "<end of output>"
                if left != right {
                    where_ = "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)"
                    break
                }
            }
            Issue.record(Comment(rawValue: "output differs from Golden/\(name).txt\n\(where_)\nre-record with ECRLAB_RECORD_GOLDEN=1 swift test if the change is intended"),
                         sourceLocation: sourceLocation)
        }
    }
}
