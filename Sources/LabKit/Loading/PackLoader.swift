import Foundation
import Yams

extension LabPack {
    /// Reads and validates a whole pack. `solutions` defaults to the `solutions/` folder beside `labs`.
    /// Throws `LabPackError` with every problem found, each located as `path:line:col`.
    public static func load(from labs: URL, solutions: URL? = nil) throws -> LabPack {
        let labs = labs.standardizedFileURL
        let solutions = (solutions ?? labs.deletingLastPathComponent().appendingPathComponent("solutions")).standardizedFileURL
        let loader = PackLoader(labs: labs, solutions: solutions)
        let pack = loader.load()
        if let pack, loader.diagnostics.isEmpty { return pack }
        throw LabPackError(diagnostics: loader.diagnostics.items)
    }

    /// The `labs/` folder of the current directory, where the CLI looks when it is given none.
    public static var defaultFolder: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("labs")
    }
}

/// Loads lab.yaml, then every task it lists; shared state lives here so task loading can check references.
final class PackLoader {
    let labs: URL
    let solutions: URL
    let files: PackFiles
    let diagnostics = DiagnosticList()

    var defaults = LabDefaults(account: "111122223333", region: "us-east-1", repository: "fcj-workshop-app")
    var objectives: [Objective] = []
    var principals: [PrincipalDefinition] = []
    var probes: [String] = []
    var groups: [ActionGroup] = []
    var identityPolicies: [String: TextFile] = [:]
    var repositoryPolicies: [String: TextFile] = [:]
    var taskOrderNodes: [(String, Node)] = []

    init(labs: URL, solutions: URL) {
        self.labs = labs
        self.solutions = solutions
        self.files = PackFiles(displayRoot: labs.deletingLastPathComponent())
    }

    static let namePattern = #"^[a-z0-9][a-z0-9-]*$"#

    static func isName(_ text: String) -> Bool { text.range(of: namePattern, options: .regularExpression) != nil }

    func location(_ file: String, _ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    /// Reads and composes a YAML file, reporting why when it cannot.
    func document(_ url: URL, within folder: URL) -> YAMLDocument? {
        switch files.readText(url, within: folder) {
        case .failure(let diagnostic):
            diagnostics.add(diagnostic)
            return nil
        case .success(let text):
            switch YAMLDocument.compose(text: text, file: files.displayPath(url)) {
            case .failure(let diagnostic):
                diagnostics.add(diagnostic)
                return nil
            case .success(let document):
                return document
            }
        }
    }

    /// Reads a file named in YAML, reporting at the name's position when it is unsafe or missing.
    func textFile(named name: String, in folder: URL, within root: URL, from reader: NodeReader, at node: Node) -> TextFile? {
        guard PackFiles.isSafeRelativePath(name) else {
            reader.report(node, "file name `\(name)` must be a relative path of letters, digits, `.`, `_`, `-` and `/`, without `..`")
            return nil
        }
        let url = folder.appendingPathComponent(name)
        switch files.readText(url, within: root) {
        case .failure(let diagnostic):
            // The place inside the named file too, when there is one (where its text stops being UTF-8).
            let place = diagnostic.line.map { line in ":\(line)" + (diagnostic.column.map { ":\($0)" } ?? "") } ?? ""
            reader.report(node, "`\(diagnostic.file)\(place)`: \(diagnostic.message)")
            return nil
        case .success(let text):
            return TextFile(path: files.displayPath(url), text: text)
        }
    }

    /// A policy file the lab itself owns must at least be JSON; lint is `labs verify`'s job.
    func jsonFile(named name: String, in folder: URL, from reader: NodeReader, at node: Node) -> TextFile? {
        guard let file = textFile(named: name, in: folder, within: labs, from: reader, at: node) else { return nil }
        if (try? JSONSerialization.jsonObject(with: Data(file.text.utf8))) == nil {
            reader.report(node, "`\(file.path)` is not valid JSON; run `ecrlab lint` on it")
        }
        return file
    }

    func identityPolicy(_ name: String, _ reader: NodeReader, _ node: Node) {
        if identityPolicies[name] != nil { return }
        if let file = jsonFile(named: name, in: labs.appendingPathComponent("identities"), from: reader, at: node) {
            identityPolicies[name] = file
        }
    }

    func repositoryPolicy(_ name: String, _ reader: NodeReader, _ node: Node) {
        if repositoryPolicies[name] != nil { return }
        if let file = jsonFile(named: name, in: labs.appendingPathComponent("policies"), from: reader, at: node) {
            repositoryPolicies[name] = file
        }
    }

    func load() -> LabPack? {
        guard files.isDirectory(labs) else {
            diagnostics.add(LabDiagnostic(file: files.displayPath(labs), message: "lab folder not found; pass the folder that holds `lab.yaml`"))
            return nil
        }
        guard let manifest = document(labs.appendingPathComponent("lab.yaml"), within: labs) else { return nil }
        let title = loadManifest(manifest)
        var tasks: [LabTask] = []
        var seen = Set<String>()
        for (id, node) in taskOrderNodes {
            let reader = NodeReader(file: manifest.file, diagnostics: diagnostics)
            guard seen.insert(id).inserted else {
                reader.report(node, "task `\(id)` is listed twice in `tasks`")
                continue
            }
            let folder = labs.appendingPathComponent(id)
            guard PackFiles.isSafeRelativePath(id), !id.contains("/"), files.isDirectory(folder) else {
                reader.report(node, "task `\(id)` has no folder `\(files.displayPath(folder))`; create it with a task.yaml, or remove the entry")
                continue
            }
            if let task = TaskLoader(pack: self, id: id, folder: folder).load() { tasks.append(task) }
        }
        reportUnlistedTaskFolders(listed: seen, manifest: manifest.file)
        guard let title else { return nil }
        return LabPack(labsFolder: labs, solutionsFolder: solutions, title: title, objectives: objectives,
                       defaults: defaults, principals: principals, probes: probes, actionGroups: groups,
                       identityPolicies: identityPolicies, repositoryPolicies: repositoryPolicies, tasks: tasks)
    }


    /// A folder with a task.yaml that the order leaves out would silently never be taken.
    private func reportUnlistedTaskFolders(listed: Set<String>, manifest: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: labs.path)) ?? []
        for name in names.sorted() where !listed.contains(name) {
            if files.exists(labs.appendingPathComponent(name).appendingPathComponent("task.yaml")) {
                diagnostics.add(LabDiagnostic(file: manifest, message: "task folder `\(name)` is not listed in `tasks`; add it to the order or remove the folder"))
            }
        }
    }
}
