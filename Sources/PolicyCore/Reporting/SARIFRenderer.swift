import Foundation

/// Findings as a SARIF 2.1.0 log, the format code-scanning services import. One run, tool `ecrlab`,
/// one rule per finding code that occurs. Security findings are SARIF errors tagged `security`, so
/// a viewer can filter them. Columns are counted in Unicode scalars, as the run declares.
public struct SARIFRenderer: Sendable {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// Optional one-line descriptions of rules by code; a code without one is described by its name.
    public var ruleDescriptions: [String: String]
    public var toolVersion: String?

    public init(ruleDescriptions: [String: String] = [:], toolVersion: String? = nil) {
        self.ruleDescriptions = ruleDescriptions
        self.toolVersion = toolVersion
    }

    public func render(_ files: [SourceFindings]) -> String {
        var rules: [Rule] = []
        var ruleIndex: [String: Int] = [:]
        var results: [Result] = []
        for file in files {
            let uri = Self.uri(for: file.file)
            for finding in file.findings {
                let index: Int
                if let known = ruleIndex[finding.code] {
                    index = known
                } else {
                    index = rules.count
                    ruleIndex[finding.code] = index
                    rules.append(rule(for: finding))
                }
                results.append(result(for: finding, uri: uri, ruleIndex: index))
            }
        }
        let log = Log(
            schema: Self.schema, version: "2.1.0",
            runs: [Run(tool: Tool(driver: Driver(name: "ecrlab", version: toolVersion, rules: rules)),
                       columnKind: "unicodeCodePoints", results: results)])
        return encodeStably(log)
    }

    private func rule(for finding: Finding) -> Rule {
        Rule(
            id: finding.code,
            shortDescription: Message(text: ruleDescriptions[finding.code] ?? Self.describe(code: finding.code)),
            defaultConfiguration: Configuration(level: Self.level(finding.severity)),
            properties: finding.severity == .security ? Properties(tags: ["security"]) : nil)
    }

    private func result(for finding: Finding, uri: String, ruleIndex: Int) -> Result {
        let range = finding.range
        let text = finding.help.map { "\(finding.message) (\($0))" } ?? finding.message
        return Result(
            ruleId: finding.code, ruleIndex: ruleIndex, level: Self.level(finding.severity), message: Message(text: text),
            locations: [Location(physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: uri),
                region: Region(startLine: range.start.line, startColumn: range.start.column,
                               endLine: range.end.line, endColumn: range.end.column)))],
            properties: finding.severity == .security ? Properties(tags: ["security"]) : nil)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error, .security: "error"
        case .warning: "warning"
        case .suggestion: "note"
        }
    }

    /// `unknown-action` → `Unknown action`.
    static func describe(code: String) -> String {
        let words = code.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// SARIF wants a URI reference: relative paths stay relative (percent-encoded), absolute ones become
    /// `file://` URIs.
    public static func uri(for file: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        let encoded = file.addingPercentEncoding(withAllowedCharacters: allowed) ?? file
        return file.hasPrefix("/") ? "file://" + encoded : encoded
    }

    // The subset of the SARIF object model ecrlab writes; property names are SARIF's own.
    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable { var tool: Tool; var columnKind: String; var results: [Result] }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable { var name: String; var version: String?; var rules: [Rule] }
    struct Rule: Encodable {
        var id: String
        var shortDescription: Message
        var defaultConfiguration: Configuration
        var properties: Properties?
    }
    struct Configuration: Encodable { var level: String }
    struct Properties: Encodable { var tags: [String] }
    struct Message: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var properties: Properties?
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation; var region: Region }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int; var startColumn: Int; var endLine: Int; var endColumn: Int }
}
