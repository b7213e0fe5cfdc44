import Foundation

/// A policy file read from text: the model when it could be built, every finding of the reader and
/// the decoder, and what later rules need from the raw text (its size, its lines for carets).
public struct ParsedPolicy: Sendable {
    /// How the file is named in messages (a path as the user typed it, or `<stdin>`).
    public var name: String
    public var text: String
    public var policy: Policy?
    public var findings: [Finding]

    /// Reads and decodes, never throws: a file that is not a policy yields findings, not an error.
    public init(name: String, text: String, reader: JSONReader = JSONReader()) {
        self.name = name
        self.text = text
        let document = reader.read(text)
        var findings = document.findings
        if let root = document.root {
            let decoded = PolicyDecoder().decode(root)
            policy = decoded.policy
            findings += decoded.findings
        } else {
            policy = nil
        }
        self.findings = findings
    }

    /// Reads raw bytes; invalid UTF-8 is a finding at its position rather than a silent U+FFFD.
    public init(name: String, bytes: [UInt8], reader: JSONReader = JSONReader()) {
        let document = reader.read(bytes)
        if document.root == nil, document.findings.contains(where: { $0.code == "invalid-utf8" || $0.code == "file-too-large" }) {
            self.init(name: name, text: String(decoding: bytes.prefix(reader.maximumSize), as: UTF8.self), findings: document.findings)
        } else {
            self.init(name: name, text: String(decoding: bytes, as: UTF8.self), reader: reader)
        }
    }

    /// A policy embedded in a larger JSON document (a batch case): positions stay those of the
    /// enclosing text.
    public init(name: String, node: JSONNode, enclosingText: String = "") {
        let decoded = PolicyDecoder().decode(node)
        self.name = name
        self.text = enclosingText
        self.policy = decoded.policy
        self.findings = decoded.findings
    }

    private init(name: String, text: String, findings: [Finding]) {
        self.name = name
        self.text = text
        self.policy = nil
        self.findings = findings
    }

    /// ECR counts the policy text in characters for its 10,240 limit.
    public var characterCount: Int { text.count }
}
