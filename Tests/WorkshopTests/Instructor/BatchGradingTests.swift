import Foundation
import LabKit
import ProgressStore
import Testing
@testable import Workshop

@Suite struct BatchGradingTests {
    let pack = InstructorFixtures.pack

    @Test func gradingTheSameFolderTwiceRecordsOnce() throws {
        let folder = try ClassFolder()
        try folder.write(InstructorFixtures.solution("04"), to: "ana/04-ci-push-pull.json")
        try folder.write(InstructorFixtures.starter04, to: "binh/04.json")
        try folder.write(InstructorFixtures.solution("01"), to: "binh/01-what-a-repository-policy-is.yaml")
        let database = try ProgressDatabase.inMemory()
        let grading = BatchGrading(pack: pack, database: database)
        let first = try grading.grade(folder: folder.url, jobs: 2)
        #expect(first.graded.count == 3)
        #expect(first.newAttempts == 3)
        #expect(first.skipped.isEmpty)
        #expect(first.graded.map { "\($0.learner) \($0.result.taskID) \($0.result.passed)" } == [
            "ana 04-ci-push-pull true", "binh 01-what-a-repository-policy-is true", "binh 04-ci-push-pull false",
        ])
        let second = try grading.grade(folder: folder.url, jobs: 1)
        #expect(second.newAttempts == 0)
        #expect(second.graded.allSatisfy { $0.wasAlreadyRecorded })
        let binh = try #require(try database.existingLearner(named: "binh"))
        #expect(try database.attempts(learner: binh.id).map(\.origin) == [.batch, .batch])
    }

    @Test func theSubmissionOfAnApplyTaskIsThePolicyApplied() throws {
        let folder = try ClassFolder()
        try folder.write(InstructorFixtures.solution("12"), to: "ana/12-apply-to-the-repository.json")
        try folder.write(InstructorFixtures.starter04, to: "binh/12.json")
        let outcome = try BatchGrading(pack: pack, database: try .inMemory()).grade(folder: folder.url)
        #expect(outcome.graded.map(\.result.passed) == [true, false])
    }

    @Test func everyFileThatCannotBeGradedIsSkippedWithItsReason() throws {
        let folder = try ClassFolder()
        let root = folder.url.path
        try folder.write(InstructorFixtures.solution("04"), to: "ana/04-ci-push-pull.json")
        try folder.write("{}", to: "ana/99-no-such-task.json")
        try folder.write("{}", to: "ana/04-ci-push-pull.yaml")
        try folder.write(String(repeating: " ", count: (1 << 20) + 1), to: "ana/07.json")
        try folder.write("{}", to: "ana/nested/04.json")
        try folder.write("{}", to: "ana/06.json")
        chmod(root + "/ana/06.json", 0)
        try folder.write("{}", to: "ana/08\n.json")
        try folder.write("{\"a\": \"\u{0}\"}", to: "ana/09.json")
        try folder.write("{}", to: "bad name/04.json")
        try folder.write("{}", to: "stray.json")
        let outside = try ClassFolder()
        try outside.write("{}", to: "secret.json")
        symlink(outside.url.path + "/secret.json", root + "/ana/10.json")
        symlink(root + "/ana/04-ci-push-pull.json", root + "/ana/05.json")
        symlink(root + "/ana/loop.json", root + "/ana/loop.json")
        symlink(outside.url.path, root + "/mallory")

        let outcome = try BatchGrading(pack: pack, database: try .inMemory()).grade(folder: folder.url)
        // Root reads a file whatever its mode, so the unreadable file is graded there.
        let readable = getuid() == 0 ? ["ana/04-ci-push-pull.json", "ana/06.json"] : ["ana/04-ci-push-pull.json"]
        #expect(outcome.graded.map(\.path) == readable)
        let reasons = Dictionary(uniqueKeysWithValues: outcome.skipped.map { ($0.path, $0.reason) })
        func reason(_ path: String) -> String { reasons[path] ?? "<not skipped>" }
        #expect(reason("ana/99-no-such-task.json").contains("no task `99-no-such-task`"))
        #expect(reason("ana/04-ci-push-pull.yaml").contains("takes a `.json` file"))
        #expect(reason("ana/07.json").contains("over the 1 MiB limit"))
        #expect(reason("ana/nested").contains("is a folder"))
        if getuid() != 0 { #expect(reason("ana/06.json").contains("cannot be read")) }
        #expect(reason("ana/08\\n.json").contains("line break"))
        #expect(reason("ana/09.json").contains("NUL"))
        #expect(reason("bad name/").contains("not a valid learner name"))
        #expect(reason("stray.json").contains("not inside a learner's folder"))
        #expect(reason("ana/10.json").contains("leading outside the class folder"))
        #expect(reason("ana/05.json").contains("symbolic link"))
        #expect(reason("ana/loop.json").contains("loops"))
        #expect(reason("mallory").contains("leading outside"))
    }

    @Test func aFolderThatIsNotThereIsAnError() {
        #expect(throws: SubmissionFolder.UnreadableFolder.self) {
            _ = try BatchGrading(pack: pack, database: try .inMemory()).grade(folder: URL(fileURLWithPath: "/nonexistent/class"))
        }
    }
}
