import Foundation
import LabKit
import ProgressStore

/// One file of a class folder that can be graded: `DIR/<learner>/<task>.<ext>`.
public struct FolderSubmission: Sendable {
    public var learner: String
    public var task: LabTask
    /// Relative to the class folder, as shown to the instructor (`ana/04-ci-push-pull.json`).
    public var path: String
    public var text: String
}

/// A file or folder `grade` did not grade, and why.
public struct SkippedFile: Sendable, Hashable, Codable {
    public var path: String
    public var reason: String
}

/// Reads a class folder without ever following a link or leaving it: every entry is looked at with
/// `lstat`, links are reported rather than followed, and files are opened with `O_NOFOLLOW`.
public struct SubmissionFolder: Sendable {
    /// Submissions are policies and answer sheets of a few kilobytes.
    public static let sizeLimit = 1 << 20

    public let root: URL
    public let pack: LabPack

    public init(root: URL, pack: LabPack) {
        self.root = root
        self.pack = pack
    }

    public struct Contents: Sendable {
        public var submissions: [FolderSubmission] = []
        public var skipped: [SkippedFile] = []
    }

    /// Thrown only when the folder itself cannot be listed.
    public struct UnreadableFolder: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot read the class folder `\(path)`: \(reason)" }
    }

    public func scan() throws(UnreadableFolder) -> Contents {
        var contents = Contents()
        let rootPath = root.path
        guard kind(of: rootPath) == .directory || kind(of: root.resolvingSymlinksInPath().path) == .directory else {
            throw UnreadableFolder(path: rootPath, reason: "it is not a folder; give the folder that holds one folder per learner")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: rootPath).sorted()
        } catch {
            throw UnreadableFolder(path: rootPath, reason: "it cannot be listed; check its permissions")
        }
        let realRoot = root.resolvingSymlinksInPath().path
        for name in names where !name.hasPrefix(".") {
            let path = rootPath + "/" + name
            if let reason = unusableName(name) ?? linkProblem(path, realRoot: realRoot) {
                contents.skipped.append(SkippedFile(path: Self.shown(name), reason: reason))
                continue
            }
            switch kind(of: path) {
            case .directory:
                if let problem = learnerNameProblem(name) {
                    contents.skipped.append(SkippedFile(path: Self.shown(name) + "/", reason: problem))
                } else {
                    scanLearner(name, folder: path, realRoot: realRoot, into: &contents)
                }
            case .regular:
                contents.skipped.append(SkippedFile(path: Self.shown(name), reason: "is not inside a learner's folder; grade reads DIR/<learner>/<task>.<ext>"))
            default:
                contents.skipped.append(SkippedFile(path: Self.shown(name), reason: "is not a regular file or folder"))
            }
        }
        return contents
    }

    private func scanLearner(_ learner: String, folder: String, realRoot: String, into contents: inout Contents) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            contents.skipped.append(SkippedFile(path: Self.shown(learner) + "/", reason: "the folder cannot be listed; check its permissions"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let shown = Self.shown(learner + "/" + name)
            func skip(_ reason: String) { contents.skipped.append(SkippedFile(path: shown, reason: reason)) }
            if let reason = unusableName(name) ?? linkProblem(path, realRoot: realRoot) {
                skip(reason)
                continue
            }
            switch kind(of: path) {
            case .regular: break
            case .directory:
                skip("is a folder; grade reads only the files directly in a learner's folder")
                continue
            default:
                skip("is not a regular file")
                continue
            }
            let (stem, fileExtension) = Self.split(name)
            guard let task = task(forStem: stem) else {
                skip("no task `\(stem)`; name the file after a task id or number, e.g. `\(example)`")
                continue
            }
            let expected = Self.expectedExtension(task)
            guard fileExtension.lowercased() == expected || (expected == "yaml" && fileExtension.lowercased() == "yml") else {
                skip("task `\(task.id)` takes a `.\(expected)` file, not `.\(fileExtension)`; rename it `\(task.id).\(expected)`")
                continue
            }
            switch Self.readText(path) {
            case .success(let text): contents.submissions.append(FolderSubmission(learner: learner, task: task, path: shown, text: text))
            case .failure(let reason): skip(reason.text)
            }
        }
    }

    private var example: String {
        pack.tasks.first { $0.kind == .policy }.map { "\($0.id).json" } ?? "01-task.yaml"
    }

    /// A task by its id, its number (`04`), or a name starting with its number and a dash (`04-my-policy`).
    public func task(forStem stem: String) -> LabTask? {
        if let task = pack.task(matching: stem) { return task }
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, stem.dropFirst(digits.count).first == "-" else { return nil }
        return pack.task(matching: String(digits))
    }

    /// The extension of the task's starter (`json` for policies, `yaml` for answer sheets); an apply
    /// task takes the policy to apply, so `json`.
    public static func expectedExtension(_ task: LabTask) -> String {
        let starter = task.starter?.fileExtension.lowercased() ?? ""
        return starter.isEmpty ? "json" : starter
    }

    static func split(_ name: String) -> (stem: String, fileExtension: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// Line breaks and other controls in a name would break every line-oriented output.
    static func shown(_ path: String) -> String {
        String(path.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined())
    }

    private func unusableName(_ name: String) -> String? {
        name.unicodeScalars.contains { $0.properties.generalCategory == .control }
            ? "its name contains a line break or another control character; rename it" : nil
    }

    private func learnerNameProblem(_ name: String) -> String? {
        do {
            try LearnerName.validate(name)
            return nil
        } catch {
            return "the folder name is not a valid learner name (\(error)); rename the folder"
        }
    }

    /// Nil for anything that is not a symbolic link; for a link, why it is skipped.
    private func linkProblem(_ path: String, realRoot: String) -> String? {
        guard kind(of: path) == .link else { return nil }
        guard let resolved = realpath(path, nil) else {
            return errno == ELOOP ? "is a symbolic link that loops; grade reads only real files"
                : "is a symbolic link to nothing; grade reads only real files"
        }
        defer { free(resolved) }
        let target = String(cString: resolved)
        if !(target == realRoot || target.hasPrefix(realRoot + "/")) {
            return "is a symbolic link leading outside the class folder; grade reads only real files inside it"
        }
        return "is a symbolic link; grade reads only real files, copy the file itself in"
    }

    enum Kind { case regular, directory, link, other, missing }

    private func kind(of path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The file's text, or why it cannot be graded. Reads at most one byte past the limit.
    static func readText(_ path: String) -> Result<String, SkipReason> {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(SkipReason("cannot be read: \(describe(errno)); check its permissions")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(SkipReason("is not a regular file"))
        }
        if Int(status.st_size) > sizeLimit {
            return .failure(SkipReason("is \(status.st_size) bytes, over the 1 MiB limit for a submission"))
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read < 0 {
                if errno == EINTR { continue }
                return .failure(SkipReason("cannot be read: \(describe(errno))"))
            }
            if read == 0 { break }
            count += read
            if count == bytes.count, count <= sizeLimit { bytes.append(contentsOf: repeatElement(0, count: 4096)) }
        }
        guard count <= sizeLimit else { return .failure(SkipReason("is over the 1 MiB limit for a submission")) }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
            return .failure(SkipReason("is not UTF-8 text; save it as UTF-8"))
        }
        if bytes[..<count].contains(0) { return .failure(SkipReason("contains a NUL character; it is not a text file")) }
        return .success(text)
    }

    struct SkipReason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let reason = String(cString: text)
        return reason.prefix(1).lowercased() + reason.dropFirst()
    }
}
