import Foundation
import Testing

/// A workspace holding a real class database (the sample class's roster and 68 graded files, made by
/// the real binary) and what each command below needs, so that every writing command has something
/// new to record.
final class ClassDatabase {
    static let labs = InstructorCommandTests.labs
    static let name = "class.sqlite"

    let workspace: TemporaryWorkspace
    var url: URL { workspace.url }
    var database: URL { url.appendingPathComponent(Self.name) }

    /// Copies the class database into a fresh workspace, with the inputs of the writing commands.
    init() throws {
        workspace = try TemporaryWorkspace()
        try workspace.write(try Self.classDatabase.get(), to: Self.name)
        try workspace.write(InstructorCommandTests.solution04, to: "submission.json")
        try workspace.write(InstructorCommandTests.starter04 + "\n", to: "new-class/ana/04-ci-push-pull.json")
        try workspace.write("name,display name\nzoe,Zoe Martin\n", to: "more.csv")
        try workspace.write(try Self.bundle.get(), to: "yann.json")
    }

    /// Commands that only read the database (`status` records nothing for a known learner).
    static let reading: [[String]] = [["status", "--learner", "ana"], ["report"], ["history", "ana"]]

    /// Commands that record something new in this database.
    static let writing: [[String]] = [
        ["check", "4", "submission.json", "--learner", "ana"], ["grade", "new-class"], ["roster", "import", "more.csv"],
        ["progress", "import", "yann.json"],
    ]

    /// What a command prints on standard error when a change it makes fails with `message` (after the
    /// database opened): the database's trouble names the database, whichever file was being imported.
    static func refusedChange(_ message: String, by command: [String]) -> String {
        "ecrlab: \(message)\n"
    }

    /// The full command line: the roster needs no lab pack, every other command does.
    static func commandLine(_ command: [String], database: String = ClassDatabase.name) -> [String] {
        command + (command.first == "roster" ? [] : ["--labs", labs]) + ["--db", database]
    }

    func run(_ command: [String], database: String = ClassDatabase.name) throws -> CommandResult {
        try workspace.run(Self.commandLine(command, database: database))
    }

    func run(_ wrapper: [String], _ command: [String], database: String = ClassDatabase.name) throws -> CommandResult {
        try ConfinedRun.run(wrapper, Self.commandLine(command, database: database), in: url)
    }

    /// The bytes of the database and of its `-wal` and `-shm` files (nil where there is none).
    func files(_ name: String = ClassDatabase.name) -> [Data?] {
        ["", "-wal", "-shm"].map { FileManager.default.contents(atPath: url.appendingPathComponent(name + $0).path) }
    }

    /// The names in the workspace folder, to show that nothing was created.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    // MARK: - Built once per test run

    private static let classDatabase = Result<Data, any Error> {
        let workspace = try TemporaryWorkspace()
        try expectSuccess(workspace.run(["roster", "import", labs + "/sample-class/roster.csv", "--db", name]))
        try expectSuccess(workspace.run(["grade", labs + "/sample-class", "--labs", labs, "--db", name]))
        return try Data(contentsOf: workspace.url.appendingPathComponent(name))
    }

    /// A bundle from another learner's database, for `progress import`.
    private static let bundle = Result<String, any Error> {
        let workspace = try TemporaryWorkspace()
        try workspace.write(InstructorCommandTests.solution04, to: "class/yann/04.json")
        try expectSuccess(workspace.run(["grade", "class", "--labs", labs, "--db", "yann.sqlite"]))
        try expectSuccess(workspace.run(["progress", "export", "--learner", "yann", "--labs", labs, "--db", "yann.sqlite",
                                         "--output", "yann.json"]))
        return try workspace.read("yann.json")
    }

    private struct SetUpFailed: Error, CustomStringConvertible {
        var description: String
    }

    private static func expectSuccess(_ result: CommandResult) throws {
        if result.exitCode != 0 { throw SetUpFailed(description: "setting up the class database failed: \(result.stderr)") }
    }
}

/// Deterministic garbage (SplitMix64), so a failure can be reproduced byte for byte.
struct Garbage {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func bytes(_ count: Int) -> Data {
        var data = Data(capacity: count)
        while data.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            value ^= value >> 31
            withUnsafeBytes(of: value) { data.append(contentsOf: $0.prefix(count - data.count)) }
        }
        return data
    }
}
