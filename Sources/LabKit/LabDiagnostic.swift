import PolicyCore

/// One problem found while loading a lab pack, located in the pack's own files.
public struct LabDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Path of the file, relative to the folder that holds `labs/` (e.g. `labs/04-ci-push-pull/task.yaml`).
    public var file: String
    /// 1-based line and column; nil when the problem concerns the file as a whole.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        // Messages quote the author's or the learner's text: keep them on one line and free of terminal escapes.
        self.message = message.escapingControlCharacters()
    }

    /// `path:line:col: message`, the form editors and terminals turn into links.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}

/// Thrown by `LabPack.load` when the pack cannot be used; carries every problem found, not just the first.
public struct LabPackError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [LabDiagnostic]

    public init(diagnostics: [LabDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
