/// An RFC 8259 reader that keeps the line and column of every key and value and reports duplicate
/// keys. Foundation's JSONSerialization offers neither, and a learner needs both to find a mistake.
///
/// Reading stops at the first syntax error: what follows a broken token is rarely worth reporting.
/// Duplicate keys do not stop it, so all of them are reported together.
public struct JSONReader: Sendable {
    public static let defaultMaximumSize = 1 << 20
    public static let defaultMaximumDepth = 64

    public var maximumSize: Int
    public var maximumDepth: Int

    public init(maximumSize: Int = JSONReader.defaultMaximumSize, maximumDepth: Int = JSONReader.defaultMaximumDepth) {
        self.maximumSize = maximumSize
        self.maximumDepth = maximumDepth
    }

    public func read(_ text: String) -> JSONDocument {
        var text = text
        return text.withUTF8 { read(bytes: $0) }
    }

    public func read<Bytes: Collection>(_ bytes: Bytes) -> JSONDocument where Bytes.Element == UInt8 {
        if let document = bytes.withContiguousStorageIfAvailable({ read(bytes: $0) }) {
            return document
        }
        return Array(bytes).withUnsafeBufferPointer { read(bytes: $0) }
    }

    public func read(bytes: UnsafeBufferPointer<UInt8>) -> JSONDocument {
        let start = SourcePosition(offset: 0, line: 1, column: 1)
        if bytes.count > maximumSize {
            // Callers read at most one byte past the limit, so the count says only "too large".
            let finding = Finding(
                .error, "file-too-large",
                "the file is more than \(maximumSize) bytes, the most ecrlab reads",
                at: SourceRange(start: start, end: start),
                help: "a repository policy is at most 10,240 characters: check that this is the right file")
            return JSONDocument(root: nil, findings: [finding])
        }
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth)
        return parser.parseDocument()
    }
}

/// Why reading stopped; turned into a finding at the position where it happened.
struct JSONSyntaxError: Error {
    var code: String
    var message: String
    var help: String?
    var range: SourceRange
}
