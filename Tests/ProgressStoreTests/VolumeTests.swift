import Foundation
import Testing
@testable import ProgressStore

/// Class-sized volumes. Off by default (they take seconds in a debug build); run them with
/// `PROGRESS_STORE_VOLUME=1 swift test --filter VolumeTests` to see the timings on stderr.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PROGRESS_STORE_VOLUME"] != nil))
struct VolumeTests {
    /// A realistic submission: the section's policy with a learner-specific tweak (~700 bytes).
    static func policy(_ index: Int) -> String {
        """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AllowPushPullFromCICDUser",
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user" },
              "Action": [
                "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
                "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"
              ]
            },
            {
              "Sid": "AllowPullFromReadOnlyUser\(index)",
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::111122223333:user/fcj-ecr-read-only-user" },
              "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
            }
          ]
        }
        """
    }

    static func checks(_ index: Int) -> [CheckRecord] {
        let passed = index % 3 != 0
        return [
            CheckRecord(checkId: "lint", passed: true, severity: .info, message: "the policy is valid"),
            CheckRecord(checkId: "grant.ci.push", passed: passed, severity: .error,
                        message: passed ? "fcj-ecr-ci-cd-user can push"
                            : "fcj-ecr-ci-cd-user cannot push: ecr:InitiateLayerUpload is not in the Action list of statement AllowPushPullFromCICDUser (line 9)"),
            CheckRecord(checkId: "grant.ci.pull", passed: true, severity: .error, message: "fcj-ecr-ci-cd-user can pull"),
            CheckRecord(checkId: "grant.ro.pull", passed: true, severity: .error, message: "fcj-ecr-read-only-user can pull"),
            CheckRecord(checkId: "least.ro.push", passed: true, severity: .error, message: "fcj-ecr-read-only-user cannot push"),
            CheckRecord(checkId: "least.anonymous", passed: true, severity: .error, message: "anonymous callers are denied"),
        ]
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        milliseconds(ContinuousClock.now - start)
    }

    static func milliseconds(_ elapsed: Duration) -> String {
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return String(format: "%.0f ms", ms)
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("[volume] \(line)\n".utf8))
    }

    /// CPU time of the whole process: on a shared machine wall time also counts other programs.
    static func cpu() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }

    @Test func tenThousandBatchSubmissionsIntoAFreshDatabase() throws {
        let database = try ProgressDatabase.temporary()
        let count = 10_000
        let names = (0..<count).map { "learner\($0)" }
        let sources = (0..<count).map { Self.policy($0) }
        let checks = (0..<count).map { Self.checks($0) }

        let start = ContinuousClock.now
        let cpuStart = Self.cpu()
        let learners = try database.learners(named: names)
        Self.log("10,000 learners get-or-create: \(Self.seconds(since: start)) wall, "
            + String(format: "%.0f ms CPU", Self.cpu() - cpuStart))
        let gradedAt = Date()
        let submissions = (0..<count).map { index in
            GradedSubmission(
                AttemptDraft(learnerId: learners[names[index]]!.id, taskId: "repository-policy", source: sources[index],
                             passed: index % 3 != 0, score: index % 3 == 0 ? 5 : 6, maxScore: 6, origin: .batch,
                             submittedAt: gradedAt),
                checks: checks[index])
        }
        let recording = ContinuousClock.now
        let cpuRecording = Self.cpu()
        let recorded = try database.recordAttempts(submissions)
        Self.log("10,000 attempts + 60,000 checks in one recordAttempts: \(Self.seconds(since: recording)) wall, "
            + String(format: "%.0f ms CPU", Self.cpu() - cpuRecording))
        #expect(recorded.filter { !$0.wasAlreadyRecorded }.count == count)

        let again = ContinuousClock.now
        let cpuAgain = Self.cpu()
        let repeated = try database.recordAttempts(submissions)
        Self.log("re-grading the same 10,000 (all duplicates): \(Self.seconds(since: again)) wall, "
            + String(format: "%.0f ms CPU", Self.cpu() - cpuAgain))
        #expect(repeated.filter { !$0.wasAlreadyRecorded }.isEmpty)

        let hashing = ContinuousClock.now
        var total = 0
        for source in sources { total &+= SHA256.hex(source).utf8.count }
        Self.log("hashing 10,000 sources alone: \(Self.seconds(since: hashing))")
        #expect(total == 64 * count)
    }

    @Test func reportOverAHundredThousandAttempts() throws {
        let database = try ProgressDatabase.temporary()
        let learnerCount = 4_200, tasks = (1...8).map { "task\($0)" }
        let learners = try database.learners(named: (0..<learnerCount).map { "learner\($0)" })
        var submissions: [GradedSubmission] = []
        var index = 0
        for learner in learners.values.sorted(by: { $0.id < $1.id }) {
            for task in tasks {
                for _ in 0..<3 where submissions.count < 100_000 {
                    index += 1
                    submissions.append(GradedSubmission(
                        AttemptDraft(learnerId: learner.id, taskId: task, source: "\(index)", passed: index % 5 == 0,
                                     score: index % 5 == 0 ? 6 : 4, maxScore: 6, origin: .batch),
                        checks: Self.checks(index)))
                }
            }
        }
        let loading = ContinuousClock.now
        _ = try database.recordAttempts(submissions)
        Self.log("loading \(submissions.count) attempts: \(Self.seconds(since: loading))")

        let start = ContinuousClock.now
        let cpuStart = Self.cpu()
        let matrix = try database.classMatrix(tasks: tasks)
        let afterMatrix = ContinuousClock.now
        let failures = try database.commonFailedChecks(tasks: tasks)
        let afterFailures = ContinuousClock.now
        let mastery = matrix.mastery(objectiveOf: Dictionary(uniqueKeysWithValues: tasks.map { ($0, "o\($0.last!)") }))
        let stuck = matrix.stuck(minimumAttempts: 3)
        let end = ContinuousClock.now
        Self.log("report over \(submissions.count) attempts: matrix \(Self.milliseconds(afterMatrix - start)), "
            + "common failures \(Self.milliseconds(afterFailures - afterMatrix)), "
            + "mastery + stuck \(Self.milliseconds(end - afterFailures)); total \(Self.milliseconds(end - start)) wall, "
            + String(format: "%.0f ms CPU", Self.cpu() - cpuStart))
        #expect(matrix.rows.count == learnerCount)
        #expect(failures.first?.checkId == "grant.ci.push")
        #expect(mastery.count == tasks.count)
        #expect(!stuck.isEmpty)
    }
}
