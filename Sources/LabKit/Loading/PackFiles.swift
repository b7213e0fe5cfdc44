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
        guard exists(url) else {
            return .failure(LabDiagnostic(file: shown, message: "file is missing; create it or fix the name that points to it"))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.sizeLimit else {
            return .failure(LabDiagnostic(file: shown, message: "file is \(size) bytes, over the 1 MiB limit for pack files"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(LabDiagnostic(file: shown, message: "file cannot be read; check its permissions"))
        }
        // The size can change between the check and the read.
        guard data.count <= Self.sizeLimit else {
            return .failure(LabDiagnostic(file: shown, message: "file is \(data.count) bytes, over the 1 MiB limit for pack files"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(LabDiagnostic(file: shown, message: "file is not valid UTF-8 text"))
        }
        return .success(text)
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
