import Foundation

/// Reads the pack's files with the limits a loader of shared content needs: bounded size, UTF-8 only,
/// and no path that leaves the pack's folder.
struct PackFiles {
    /// Every file of a pack is small; anything larger is a mistake or an attack.
    static let sizeLimit = 1 << 20

    /// The folder whose children are `labs/` and `solutions/`; diagnostics name files relative to it.
    let displayRoot: URL

    func displayPath(_ url: URL) -> String {
        let root = displayRoot.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        return path
    }

    func exists(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The file's text, or a diagnostic saying why it cannot be used.
    func readText(_ url: URL, within folder: URL) -> Result<String, LabDiagnostic> {
        let shown = displayPath(url)
        let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
        let base = folder.resolvingSymlinksInPath().standardizedFileURL.path
        guard resolved.hasPrefix(base + "/") else {
            return .failure(LabDiagnostic(file: shown, message: "file leaves the `\(displayPath(folder))` folder; keep pack files inside it"))
        }
        switch PlainTextFile.read(atPath: url.path, limit: Self.sizeLimit) {
        case .success(let text):
            // Pack text reaches the learner's terminal: a control character there is a mistake or a trap.
            if let (place, scalar) = Self.firstControlCharacter(in: text) {
                return .failure(LabDiagnostic(
                    file: shown, line: place.line, column: place.column,
                    message: YAMLDocument.forbidden(Int32(scalar.value), in: "a pack file") ?? "unexpected character"))
            }
            return .success(text)
        case .failure(.missing):
            return .failure(LabDiagnostic(file: shown, message: "file is missing; create it or fix the name that points to it"))
        case .failure(.tooLarge(let size, _)):
            let stated = size.map { "is \($0) bytes, " } ?? "is "
            return .failure(LabDiagnostic(file: shown, message: "file \(stated)over the 1 MiB limit for pack files"))
        case .failure(.notUTF8(let line, let column, let byte)):
            return .failure(LabDiagnostic(
                file: shown, line: line, column: column,
                message: "file is not valid UTF-8 here (byte 0x\(String(byte, radix: 16, uppercase: true))); save it as UTF-8"))
        case .failure(.unreadable(let reason)):
            return .failure(LabDiagnostic(file: shown, message: "file cannot be read: \(reason); check its permissions"))
        case .failure(let problem):
            return .failure(LabDiagnostic(file: shown, message: "file \(problem.reason); pack files are plain files"))
        }
    }

    /// The first control character other than tab, line feed and carriage return, and where it is.
    static func firstControlCharacter(in text: String) -> (UTF8Place, Unicode.Scalar)? {
        var line = 1
        var column = 1
        var offset = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                if scalar.properties.generalCategory == .control, scalar != "\t", scalar != "\r", scalar != "\u{85}" {
                    return (UTF8Place(offset: offset, line: line, column: column), scalar)
                }
                column += 1
            }
            offset += UTF8.width(scalar)
        }
        return nil
    }

    /// A file name written in a YAML file: relative, no `..`, no backslashes, plain characters.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".."
                && part.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0) }
        }
    }
}
