import Foundation
@testable import ProgressStore

/// A folder under the system's temporary directory, removed when released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("progress-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

extension AttemptDraft {
    static func sample(
        learner: Learner, task: String = "repo-policy", source: String = #"{"Version":"2012-10-17"}"#,
        passed: Bool = false, score: Int = 1, maxScore: Int = 3, origin: AttemptOrigin = .local
    ) -> AttemptDraft {
        AttemptDraft(learnerId: learner.id, taskId: task, source: source, passed: passed, score: score,
                     maxScore: maxScore, origin: origin)
    }
}

extension CheckRecord {
    static func failing(_ id: String, _ message: String = "something is wrong") -> CheckRecord {
        CheckRecord(checkId: id, passed: false, severity: .error, message: message)
    }
    static func passing(_ id: String) -> CheckRecord {
        CheckRecord(checkId: id, passed: true, severity: .info, message: "\(id) holds")
    }
}
