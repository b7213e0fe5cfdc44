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

    /// A class folder of `learners` learners with the same two files each.
    func classFolder(learners: Int) throws -> ClassFolder {
        let folder = try ClassFolder()
        for number in 0..<learners {
            let name = "learner\(number < 10 ? "0" : "")\(number)"
            try folder.write(InstructorFixtures.solution("04"), to: "\(name)/04.json")
            try folder.write(InstructorFixtures.starter04, to: "\(name)/07.json")
        }
        return folder
    }

    @Test func attemptsAreRecordedWhileGradingGoesOn() throws {
        let folder = try classFolder(learners: 6)
        let database = try ProgressDatabase.inMemory()
        let waits = Counter()
        let deadline = Date().addingTimeInterval(60)
        // After each file, the grading thread waits until the recorder has committed it: grading that
        // recorded only at the end would wait out the deadline at the first file.
        let outcome = try BatchGrading(pack: pack, database: database).grade(
            folder: folder.url, jobs: 1, pace: RecordingPace(files: 1, seconds: 0),
            progress: { done, _ in
                while (try? database.attemptCount(origin: .batch)) ?? 0 < done && Date() < deadline { usleep(1_000) }
                if (try? database.attemptCount(origin: .batch)) == done { waits.add(1) }
            })
        #expect(outcome.graded.count == 12)
        #expect(waits.value == 12)
        #expect(outcome.newAttempts == 12)
        #expect(!outcome.wasStopped)
    }

    @Test(arguments: [1, 3])
    func aStoppedGradingKeepsWhatItRecordedAndTheNextRunDoesTheRest(jobs: Int) throws {
        let folder = try classFolder(learners: 15)
        let database = try ProgressDatabase.inMemory()
        let grading = BatchGrading(pack: pack, database: database)
        let graded = Counter()
        let first = try grading.grade(
            folder: folder.url, jobs: jobs, pace: RecordingPace(files: 4, seconds: 60),
            progress: { _, _ in graded.add(1) }, shouldStop: { graded.value >= 5 })
        #expect(first.total == 30)
        #expect(first.wasStopped)
        // Each thread finishes the file it has begun; nothing graded is dropped.
        #expect(first.graded.count == graded.value)
        #expect(first.graded.count >= 5 && first.graded.count < 30)
        #expect(first.newAttempts == first.graded.count)
        #expect(try database.attemptCount(origin: .batch) == first.graded.count)
        let paths = first.graded.map(\.path)
        #expect(paths == paths.sorted())

        let second = try grading.grade(folder: folder.url, jobs: jobs)
        #expect(!second.wasStopped)
        #expect(second.graded.count == 30)
        #expect(second.newAttempts == 30 - first.graded.count)
        #expect(Set(second.graded.filter(\.wasAlreadyRecorded).map(\.path)) == Set(paths))
        #expect(try database.attemptCount(origin: .batch) == 30)
    }

    @Test func aRunStoppedAgainAndAgainGetsFurtherEachTime() throws {
        let folder = try classFolder(learners: 10)
        let database = try ProgressDatabase.inMemory()
        let grading = BatchGrading(pack: pack, database: database)
        for run in 1...3 {
            let graded = Counter()
            let outcome = try grading.grade(
                folder: folder.url, jobs: 1, progress: { _, _ in graded.add(1) }, shouldStop: { graded.value >= 6 })
            // What is not on record yet is graded first, so each run adds six attempts.
            #expect(outcome.graded.count == 6)
            #expect(outcome.newAttempts == 6)
            #expect(try database.attemptCount(origin: .batch) == 6 * run)
        }
        let last = try grading.grade(folder: folder.url, jobs: 1)
        #expect(last.newAttempts == 2)
        #expect(last.graded.count == 20)
    }

    @Test func aGradingStoppedBeforeItBeginsRecordsNothing() throws {
        let folder = try classFolder(learners: 2)
        let database = try ProgressDatabase.inMemory()
        let outcome = try BatchGrading(pack: pack, database: database).grade(folder: folder.url, shouldStop: { true })
        #expect(outcome.total == 4)
        #expect(outcome.graded.isEmpty)
        #expect(outcome.wasStopped)
        #expect(try database.attemptCount() == 0)
        #expect(try database.learners().isEmpty)
    }
}

/// A count shared by grading threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ amount: Int) { lock.withLock { count += amount } }
    var value: Int { lock.withLock { count } }
}
