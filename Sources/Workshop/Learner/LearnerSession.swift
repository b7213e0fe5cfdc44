import Foundation
import LabKit
import PolicyCore
import ProgressStore

/// One learner working through the pack: where they are, their work files in `work/`, and their record
/// in the progress database. Every learner command is one call here; the CLI only prints the result.
public struct LearnerSession: Sendable {
    public let pack: LabPack
    public let database: ProgressDatabase
    public let learner: Learner
    /// `work/`: one file per task, created on the first `start`.
    public let workFolder: URL

    public init(pack: LabPack, database: ProgressDatabase, learnerName: String, workFolder: URL) throws {
        self.pack = pack
        self.database = database
        self.learner = try database.learner(named: learnerName)
        self.workFolder = workFolder
    }

    // MARK: - Where the learner is

    /// The learner's own account id, or the pack's default when none is set.
    public func account() throws -> String {
        try database.setting(.accountId, learner: learner.id) ?? pack.defaults.account
    }

    public func environment() throws -> LabEnvironment { pack.environment(account: try account()) }

    /// The task `next` last moved to; the first task for a new learner.
    public func currentTask() throws -> LabTask {
        if let id = try database.setting(.currentTask, learner: learner.id), let task = pack.task(id) { return task }
        return pack.tasks[0]
    }

    /// The named task (`4`, `04`, the full id), or the current one when `reference` is nil.
    public func task(_ reference: String?) throws -> LabTask {
        guard let reference else { return try currentTask() }
        guard let task = pack.task(matching: reference) else {
            throw LearnerError.unknownTask(reference, known: pack.tasks.map(\.id))
        }
        return task
    }

    public func progress() throws -> LearnerProgress {
        let states = try database.taskStates(learner: learner.id)
        let rows = pack.tasks.map { task in
            LearnerProgress.Row(task: task, state: states[task.id] ?? TaskState(taskId: task.id))
        }
        return LearnerProgress(rows: rows, current: try currentTask())
    }

    public func state(of task: LabTask) throws -> TaskState {
        try database.taskStates(learner: learner.id)[task.id] ?? TaskState(taskId: task.id)
    }

    /// The task after `task` in the pack's order, nil after the last.
    public func task(after task: LabTask) -> LabTask? {
        guard let index = pack.tasks.firstIndex(where: { $0.id == task.id }), index + 1 < pack.tasks.count else { return nil }
        return pack.tasks[index + 1]
    }

    // MARK: - Work files

    /// `work/<task>.<ext>`; for an apply task, the file of the task whose policy it applies.
    public func workFile(for task: LabTask) -> URL {
        var source = task
        if case .apply(let check) = task.check, let from = check.policyFrom, let other = pack.task(from) { source = other }
        let fileExtension = source.starter?.fileExtension ?? "json"
        return workFolder.appendingPathComponent("\(source.id).\(fileExtension.isEmpty ? "json" : fileExtension)")
    }

    /// The path as the learner types it (`work/04-ci-push-pull.json`).
    public func displayPath(_ url: URL) -> String {
        "\(workFolder.lastPathComponent)/\(url.lastPathComponent)"
    }

    public struct Start: Sendable {
        public var task: LabTask
        /// The instructions with `{account}` and the like filled in.
        public var instructions: String
        /// The work file, nil for an apply task.
        public var workFile: URL?
        /// False when the file was already there: earlier work is never overwritten.
        public var wroteStarter: Bool
    }

    /// Makes `task` the current one and writes its starter into `work/` unless a file is already there.
    public func start(_ task: LabTask) throws -> Start {
        let environment = try environment()
        try database.setSetting(.currentTask, to: task.id, learner: learner.id)
        let instructions = environment.expand(task.instructions.text)
        guard let starter = task.starter else {
            return Start(task: task, instructions: instructions, workFile: nil, wroteStarter: false)
        }
        let file = workFile(for: task)
        if FileManager.default.fileExists(atPath: file.path) {
            return Start(task: task, instructions: instructions, workFile: file, wroteStarter: false)
        }
        try writeStarter(starter, to: file, environment: environment)
        return Start(task: task, instructions: instructions, workFile: file, wroteStarter: true)
    }

    /// Puts the starter back, replacing the learner's file.
    @discardableResult
    public func reset(_ task: LabTask) throws -> URL {
        guard let starter = task.starter else { throw LearnerError.noStarter(task: task.id) }
        let file = workFile(for: task)
        try writeStarter(starter, to: file, environment: try environment())
        return file
    }

    private func writeStarter(_ starter: TextFile, to file: URL, environment: LabEnvironment) throws {
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        let text = starter.fileExtension == "json" ? environment.retarget(policyText: starter.text) : starter.text
        try Data(text.utf8).write(to: file, options: .atomic)
    }

    /// The learner's work file for the task, read as a submission: a plain UTF-8 file of at most
    /// 1 MiB (what the policy reader and the answer sheets accept), read without ever waiting on a
    /// named pipe or loading more than the limit.
    public func workSubmission(for task: LabTask) throws -> Submission {
        let file = workFile(for: task)
        switch PlainTextFile.read(atPath: file.path, limit: Self.workFileLimit) {
        case .success(let text):
            return Submission(text: text, fileName: displayPath(file))
        case .failure(.missing):
            throw LearnerError.noWorkFile(task: task.id, path: displayPath(file))
        case .failure(let problem) where problem.isNotUTF8:
            throw LearnerError.unreadableWorkFile(path: displayPath(file), reason: "it \(problem.reason) and check again")
        case .failure(.unreadable(let reason)):
            throw LearnerError.unreadableWorkFile(path: displayPath(file), reason: reason)
        case .failure(.tooLarge(let size, _)):
            throw LearnerError.unreadableWorkFile(
                path: displayPath(file),
                reason: "it is \(size.map { "\($0) bytes, " } ?? "")over the 1 MiB a policy or answer file may have; check that this is the right file")
        case .failure(let problem):
            throw LearnerError.unreadableWorkFile(path: displayPath(file), reason: "it " + problem.reason)
        }
    }

    /// The size the readers of policies and answer sheets accept; a larger work file is refused
    /// before it is read.
    public static let workFileLimit = 1 << 20

    // MARK: - Settings

    public func setAccount(_ account: String) throws {
        guard account.utf8.count == 12, account.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw LearnerError.invalidAccount(account)
        }
        if pack.reservedAccounts.contains(account) { throw LearnerError.reservedAccount(account) }
        try database.setSetting(.accountId, to: account, learner: learner.id)
    }

    /// The learner's settings with their effective values, for `config`.
    public func settings() throws -> [(key: String, value: String)] {
        [("learner", learner.name), ("account", try account()), ("current task", try currentTask().id),
         ("database", database.path), ("work folder", workFolder.path)]
    }
}

/// Every task with the learner's record on it, in the pack's order.
public struct LearnerProgress: Sendable {
    public struct Row: Sendable {
        public var task: LabTask
        public var state: TaskState
    }

    public var rows: [Row]
    public var current: LabTask

    public var passedCount: Int { rows.filter(\.state.passed).count }
    public var total: Int { rows.count }
    public var isComplete: Bool { passedCount == total }

    /// `[#####-------]` with one mark per task.
    public var bar: String {
        "[" + rows.map { $0.state.passed ? "#" : "-" }.joined() + "]"
    }
}
