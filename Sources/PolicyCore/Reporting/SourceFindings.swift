/// The findings of one source file together with its text, which text output needs for its
/// source lines and carets. Renderers take a list of these, in the order the user named the files.
public struct SourceFindings: Sendable, Hashable {
    /// The file as the user named it (a path, or `<stdin>`).
    public var file: String
    public var text: String
    public var findings: [Finding]

    public init(file: String, text: String, findings: [Finding]) {
        self.file = file
        self.text = text
        self.findings = findings
    }
}

extension Severity {
    /// `security` and `suggestion` read better spelled out in a count than as plain plurals.
    func counted(_ count: Int) -> String {
        switch self {
        case .error: count == 1 ? "1 error" : "\(count) errors"
        case .security: count == 1 ? "1 security finding" : "\(count) security findings"
        case .warning: count == 1 ? "1 warning" : "\(count) warnings"
        case .suggestion: count == 1 ? "1 suggestion" : "\(count) suggestions"
        }
    }
}

extension Array where Element == SourceFindings {
    /// `2 errors, 1 warning in 1 file`, or `no findings in 3 files`.
    public var summary: String {
        let all = flatMap(\.findings)
        let counts = Severity.allCases.sorted().compactMap { severity -> String? in
            let n = all.count { $0.severity == severity }
            return n == 0 ? nil : severity.counted(n)
        }
        let files = count == 1 ? "1 file" : "\(count) files"
        return counts.isEmpty ? "no findings in \(files)" : "\(counts.joined(separator: ", ")) in \(files)"
    }
}
