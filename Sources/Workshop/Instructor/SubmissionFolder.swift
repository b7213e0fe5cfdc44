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
        guard let entries = Self.entries(of: rootPath) else {
            throw UnreadableFolder(path: rootPath, reason: "it cannot be listed; check its permissions")
        }
        let realRoot = root.resolvingSymlinksInPath().path
        for entry in entries where !entry.shown.hasPrefix(".") {
            guard let name = entry.name else {
                contents.skipped.append(SkippedFile(path: entry.shown, reason: Self.notUTF8Name))
                continue
            }
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
                contents.skipped.append(SkippedFile(path: Self.shown(name), reason: "\(describeKind(path)), not a learner's folder"))
            }
        }
        return contents
    }

    private func scanLearner(_ learner: String, folder: String, realRoot: String, into contents: inout Contents) {
        guard let entries = Self.entries(of: folder) else {
            contents.skipped.append(SkippedFile(path: Self.shown(learner) + "/", reason: "the folder cannot be listed; check its permissions"))
            return
        }
        for entry in entries where !entry.shown.hasPrefix(".") {
            guard let name = entry.name else {
                contents.skipped.append(SkippedFile(path: Self.shown(learner) + "/" + entry.shown, reason: Self.notUTF8Name))
                continue
            }
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
                skip("\(describeKind(path)), not a regular file; grade reads only plain files")
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

    /// The file's text, or why it cannot be graded. Never follows a link, never waits on a named
    /// pipe, and reads at most one byte past the limit.
    static func readText(_ path: String) -> Result<String, SkipReason> {
        switch PlainTextFile.read(atPath: path, limit: sizeLimit, followingLinks: false) {
        case .success(let text):
            if text.isEmpty { return .failure(SkipReason("is empty; there is nothing to grade")) }
            if let nul = text.utf8.firstIndex(of: 0) {
                let place = UTF8Place.of(offset: text.utf8.distance(from: text.utf8.startIndex, to: nul), in: Array(text.utf8))
                return .failure(SkipReason("contains a NUL character (line \(place.line), column \(place.column)); it is not a text file"))
            }
            return .success(text)
        case .failure(.unreadable(let reason)):
            return .failure(SkipReason("cannot be read: \(reason); check its permissions"))
        case .failure(.tooLarge(let size, _)):
            return .failure(SkipReason((size.map { "is \($0) bytes, " } ?? "is ") + "over the 1 MiB limit for a submission"))
        case .failure(let problem):
            return .failure(SkipReason(problem.reason))
        }
    }

    static let notUTF8Name = "its name is not UTF-8 text; rename it"

    /// One name in a folder: nil when its bytes are not UTF-8, with how it is shown either way
    /// (invalid bytes as `\xFF`, control characters escaped).
    struct Entry {
        var name: String?
        var shown: String
    }

    /// The folder's entries by their raw names, sorted; nil when it cannot be listed. Foundation
    /// would replace bytes that are not UTF-8, leaving a name that opens nothing.
    static func entries(of folder: String) -> [Entry]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == Array(".".utf8) || bytes == Array("..".utf8) { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                entries.append(Entry(name: name, shown: shown(name)))
            } else {
                entries.append(Entry(name: nil, shown: escapingInvalidBytes(bytes)))
            }
        }
        return entries.sorted { $0.shown < $1.shown }
    }

    static func escapingInvalidBytes(_ bytes: [UInt8]) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var text = ""
        var consumed = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                text += shown(String(Unicode.UTF8.decode(encoded)))
                consumed += encoded.count
            case .error(let length):
                for byte in bytes[consumed..<(consumed + length)] {
                    text += (byte < 0x10 ? "\\x0" : "\\x") + String(byte, radix: 16, uppercase: true)
                }
                consumed += length
            case .emptyInput:
                break loop
            }
        }
        return text
    }

    /// `is a named pipe`, `is a socket`… for an entry that is neither a regular file nor a folder.
    private func describeKind(_ path: String) -> String {
        var status = stat()
        guard lstat(path, &status) == 0 else { return "has disappeared" }
        return "is " + (PlainTextFile.kindName(status.st_mode & S_IFMT) ?? "a special file")
    }

    struct SkipReason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
