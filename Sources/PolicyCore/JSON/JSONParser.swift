/// The recursive-descent core of `JSONReader`. Works on raw bytes and tracks line and column as it
/// advances, so positions cost nothing extra even on a minified single-line policy.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var offset = 0
    var line = 1
    var column = 1
    var depth = 0
    var findings: [Finding] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    var position: SourcePosition { SourcePosition(offset: offset, line: line, column: column) }

    mutating func parseDocument() -> JSONDocument {
        // A UTF-8 byte order mark is allowed to be ignored by RFC 8259 §8.1; editors on Windows add one.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
        do {
            try skipWhitespace()
            if offset == bytes.count {
                throw error(
                    "empty-file", "the file is empty", help: "a policy is a JSON object: start with `{`")
            }
            let root = try parseValue(context: .root)
            try skipWhitespace()
            if offset < bytes.count {
                throw error(
                    "json-syntax", "unexpected \(describeCurrent()) after the end of the policy",
                    help: "a file holds one JSON object: remove what follows its closing `}`")
            }
            return JSONDocument(root: root, findings: findings)
        } catch let syntax as JSONSyntaxError {
            findings.append(Finding(.error, syntax.code, syntax.message, at: syntax.range, help: syntax.help))
            return JSONDocument(root: nil, findings: findings)
        } catch {
            preconditionFailure("the parser throws only syntax errors")
        }
    }

    // MARK: Values

    /// Where a value sits, for messages such as "expected `,` or `}` after the value of `Effect`".
    enum Context {
        case root
        case member(String)
        case item(Int, of: String?)

        var valueName: String {
            switch self {
            case .root: "the policy"
            case .member(let key): "the value of `\(key)`"
            case .item(let index, let owner?): "item \(index + 1) of `\(owner)`"
            case .item(let index, nil): "item \(index + 1) of the list"
            }
        }

        var owner: String? {
            switch self {
            case .member(let key): key
            case .root, .item: nil
            }
        }
    }

    mutating func parseValue(context: Context) throws -> JSONNode {
        guard offset < bytes.count else {
            throw error("json-syntax", "the file ends where \(context.valueName) should be", help: closingHelp())
        }
        let start = position
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject(context: context)
        case UInt8(ascii: "["): return try parseArray(context: context)
        case UInt8(ascii: "\""):
            let string = try parseString()
            return JSONNode(.string(string), range: SourceRange(start: start, end: position))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = try parseNumber()
            return JSONNode(.number(number), range: SourceRange(start: start, end: position))
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "T"), UInt8(ascii: "F"),
            UInt8(ascii: "N"):
            return try parseLiteral(context: context)
        case UInt8(ascii: "'"):
            throw error(
                "json-syntax", "\(context.valueName) uses single quotes",
                help: "JSON strings need double quotes: write `\"…\"`")
        default:
            throw error(
                "json-syntax", "expected \(context.valueName), found \(describeCurrent())",
                help: "a value is a string in double quotes, a number, `true`, `false`, `null`, a list `[…]` or an object `{…}`")
        }
    }

    mutating func enter() throws {
        depth += 1
        if depth > maximumDepth {
            throw error(
                "too-deep", "the JSON is nested more than \(maximumDepth) levels deep",
                help: "a policy needs only a few levels: check for runaway brackets")
        }
    }

    mutating func parseObject(context: Context) throws -> JSONNode {
        let start = position
        try enter()
        advance()  // {
        var members: [JSONMember] = []
        // Policy objects have a handful of keys, where a scan beats hashing; a hostile file with
        // thousands of keys in one object gets the dictionary so reading stays linear.
        var index: [String: SourceRange]?
        try skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            advance()
            depth -= 1
            return JSONNode(.object([]), range: SourceRange(start: start, end: position))
        }
        while true {
            try skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                if peek(UInt8(ascii: "}")), let last = members.last {
                    throw error(
                        "json-syntax", "trailing `,` after the value of `\(last.key)`",
                        help: "JSON allows no comma before `}`: remove it")
                }
                throw error(
                    "json-syntax", "expected a key in double quotes, found \(describeCurrent())",
                    help: keyHelp())
            }
            let keyStart = position
            let key = try parseString()
            let keyRange = SourceRange(start: keyStart, end: position)
            try skipWhitespace()
            guard peek(UInt8(ascii: ":")) else {
                throw error("json-syntax", "expected `:` after the key `\(key)`, found \(describeCurrent())")
            }
            advance()
            try skipWhitespace()
            let value = try parseValue(context: .member(key))
            let earlier: SourceRange?
            if let index {
                earlier = index[key]
            } else {
                earlier = members.first(where: { $0.key == key })?.keyRange
                if members.count == 16 {
                    index = Dictionary(members.map { ($0.key, $0.keyRange) }, uniquingKeysWith: { first, _ in first })
                }
            }
            if earlier == nil { index?[key] = keyRange }
            if let first = earlier {
                findings.append(
                    Finding(
                        .error, "duplicate-key",
                        "`\(key)` appears twice in the same object (first at line \(first.start.line), column \(first.start.column))",
                        at: keyRange,
                        help: "JSON readers keep only one of them: merge the two into a single `\(key)`"))
            }
            members.append(JSONMember(key: key, keyRange: keyRange, value: value))
            try skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                advance()
                continue
            }
            if peek(UInt8(ascii: "}")) {
                advance()
                depth -= 1
                return JSONNode(.object(members), range: SourceRange(start: start, end: position))
            }
            throw error(
                "json-syntax", "expected `,` or `}` after the value of `\(key)`, found \(describeCurrent())",
                help: peek(UInt8(ascii: "\"")) ? "a `,` is missing between two keys" : closingHelp())
        }
    }

    mutating func parseArray(context: Context) throws -> JSONNode {
        let start = position
        try enter()
        advance()  // [
        var items: [JSONNode] = []
        try skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            advance()
            depth -= 1
            return JSONNode(.array([]), range: SourceRange(start: start, end: position))
        }
        let owner = context.owner
        while true {
            try skipWhitespace()
            if peek(UInt8(ascii: "]")), !items.isEmpty {
                throw error(
                    "json-syntax", "trailing `,` after item \(items.count) of \(owner.map { "`\($0)`" } ?? "the list")",
                    help: "JSON allows no comma before `]`: remove it")
            }
            items.append(try parseValue(context: .item(items.count, of: owner)))
            try skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                advance()
                continue
            }
            if peek(UInt8(ascii: "]")) {
                advance()
                depth -= 1
                return JSONNode(.array(items), range: SourceRange(start: start, end: position))
            }
            let name = Context.item(items.count - 1, of: owner).valueName
            throw error(
                "json-syntax", "expected `,` or `]` after \(name), found \(describeCurrent())",
                help: peek(UInt8(ascii: "\"")) ? "a `,` is missing between two items" : closingHelp())
        }
    }

    mutating func parseLiteral(context: Context) throws -> JSONNode {
        let start = position
        var end = offset
        while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        let value: JSONValue
        switch word {
        case "true": value = .bool(true)
        case "false": value = .bool(false)
        case "null": value = .null
        default:
            let lower = word.lowercased()
            let suggestion = ["true", "false", "null"].contains(lower) ? ": write `\(lower)`" : ""
            throw error(
                "json-syntax", "`\(word)` is not a JSON value\(suggestion)",
                help: "strings need double quotes; the only bare words are `true`, `false` and `null`")
        }
        while offset < end { advance() }
        return JSONNode(value, range: SourceRange(start: start, end: position))
    }

    // MARK: Position and errors

    func peek(_ byte: UInt8) -> Bool { offset < bytes.count && bytes[offset] == byte }

    /// Moves past one ASCII byte (structural characters are always ASCII).
    mutating func advance() {
        if bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else {
            column += 1
        }
        offset += 1
    }

    mutating func skipWhitespace() throws {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
                column += 1
            case UInt8(ascii: "\n"):
                offset += 1
                line += 1
                column = 1
            case UInt8(ascii: "/") where offset + 1 < bytes.count
                && (bytes[offset + 1] == UInt8(ascii: "/") || bytes[offset + 1] == UInt8(ascii: "*")):
                // Reported here, where the learner wrote it, rather than as a confusing "unexpected `/`".
                throw error("json-syntax", "JSON allows no comments", help: "remove the comment")
            default:
                return
            }
        }
    }

    func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// Names the character at the current position the way a learner sees it.
    func describeCurrent() -> String {
        guard offset < bytes.count else { return "the end of the file" }
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return "the end of the line"
        case 0: return "a NUL byte"
        case 0x01..<0x20, 0x7F: return "the control character U+\(hex4(UInt32(byte)))"
        case 0x80...:
            if let scalar = decodeScalar(at: offset) {
                return "`\(Character(scalar.scalar))`"
            }
            return "a byte that is not UTF-8 (0x\(String(byte, radix: 16, uppercase: true)))"
        case UInt8(ascii: "`"): return "a backtick"
        default:
            if isWordByte(byte) {
                var end = offset
                while end < bytes.count, end - offset < 40, isWordByte(bytes[end]) { end += 1 }
                return "`\(String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self))`"
            }
            return "`\(Character(Unicode.Scalar(byte)))`"
        }
    }

    func closingHelp() -> String {
        "check that every `{` and `[` is closed and that items are separated by commas"
    }

    func keyHelp() -> String {
        guard offset < bytes.count else { return closingHelp() }
        if isWordByte(bytes[offset]) { return "keys need double quotes: write `\"Key\"`" }
        if bytes[offset] == UInt8(ascii: "'") { return "JSON keys need double quotes, not single quotes" }
        return closingHelp()
    }

    func error(_ code: String, _ message: String, help: String? = nil) -> JSONSyntaxError {
        let here = SourceRange(start: position, end: position)
        if offset < bytes.count, bytes[offset] >= 0x80, decodeScalar(at: offset) == nil {
            return JSONSyntaxError(
                code: "invalid-utf8",
                message: "the file is not valid UTF-8 here (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                help: "save the file with UTF-8 encoding", range: here)
        }
        return JSONSyntaxError(code: code, message: message, help: help, range: here)
    }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
