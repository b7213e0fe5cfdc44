/// Strings, numbers and UTF-8: the byte-level parts of the parser.
extension JSONParser {
    mutating func parseString() throws -> String {
        let start = position
        advance()  // opening quote
        var buffer: [UInt8] = []
        var usesBuffer = false
        var segmentStart = offset
        while true {
            guard offset < bytes.count else {
                throw JSONSyntaxError(
                    code: "json-syntax", message: "this string is never closed",
                    help: "add the closing `\"`", range: SourceRange(start: start, end: start))
            }
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                let text: String
                if usesBuffer {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<offset]))
                    text = String(decoding: buffer, as: UTF8.self)
                } else {
                    text = String(decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<offset]), as: UTF8.self)
                }
                advance()
                return text
            case UInt8(ascii: "\\"):
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<offset]))
                usesBuffer = true
                try parseEscape(into: &buffer)
                segmentStart = offset
            case 0x80...:
                guard let decoded = decodeScalar(at: offset) else { throw invalidUTF8Error() }
                offset += decoded.length
                column += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw JSONSyntaxError(
                    code: "json-syntax", message: "this string is not closed before the end of the line",
                    help: "add the closing `\"`; a line break inside a string is written `\\n`",
                    range: SourceRange(start: start, end: start))
            case 0..<0x20:
                throw error(
                    "json-syntax", "the control character U+\(hex4(UInt32(byte))) must be escaped inside a string",
                    help: byte == 9 ? "write `\\t` instead of the tab" : "write it as `\\u\(hex4(UInt32(byte)))`")
            default:
                offset += 1
                column += 1
            }
        }
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws {
        let escapeStart = position
        advance()  // backslash
        guard offset < bytes.count else {
            throw JSONSyntaxError(
                code: "json-syntax", message: "this string is never closed", help: "add the closing `\"`",
                range: SourceRange(start: escapeStart, end: escapeStart))
        }
        let byte = bytes[offset]
        let simple: UInt8?
        switch byte {
        case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        case 0x80... where decodeScalar(at: offset) == nil:
            throw invalidUTF8Error()
        default:
            throw JSONSyntaxError(
                code: "json-syntax", message: "`\\\(describeEscapeCharacter())` is not a JSON escape",
                help: "valid escapes are `\\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` and `\\uXXXX`; write a backslash as `\\\\`",
                range: SourceRange(start: escapeStart, end: escapeStart))
        }
        advance()
        if let simple {
            buffer.append(simple)
            return
        }
        let first = try parseHex4(escapeStart: escapeStart)
        var scalarValue = first
        if (0xD800...0xDBFF).contains(first) {
            // A high surrogate must be followed by `\u` and a low one: together they make one scalar.
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
            else {
                throw unpairedSurrogate(first, at: escapeStart)
            }
            advance()
            advance()
            let second = try parseHex4(escapeStart: escapeStart)
            guard (0xDC00...0xDFFF).contains(second) else { throw unpairedSurrogate(first, at: escapeStart) }
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw unpairedSurrogate(first, at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw unpairedSurrogate(first, at: escapeStart) }
        buffer.append(contentsOf: String(Character(scalar)).utf8)
    }

    private mutating func parseHex4(escapeStart: SourcePosition) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = hexValue(bytes[offset]) else {
                throw JSONSyntaxError(
                    code: "json-syntax", message: "`\\u` must be followed by four hexadecimal digits",
                    help: "write a character as `\\u00e9`, or type it directly", range: SourceRange(start: escapeStart, end: escapeStart))
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private func unpairedSurrogate(_ value: UInt32, at start: SourcePosition) -> JSONSyntaxError {
        JSONSyntaxError(
            code: "json-syntax", message: "`\\u\(hex4(value))` is half of a surrogate pair with no other half",
            help: "write the character directly or as a complete pair such as `\\uD83D\\uDE00`",
            range: SourceRange(start: start, end: start))
    }

    private func describeEscapeCharacter() -> String {
        if let decoded = decodeScalar(at: offset), bytes[offset] >= 0x80 { return String(Character(decoded.scalar)) }
        let byte = bytes[offset]
        return byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "U+\(hex4(UInt32(byte)))"
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// RFC 8259 numbers: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, nothing more (no `+1`,
    /// `.5`, `01`, `NaN`), so a policy reads the same here as in AWS.
    mutating func parseNumber() throws -> String {
        let start = offset
        var end = offset
        while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
        var index = start
        func digits() -> Int {
            let first = index
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - first
        }
        var valid = true
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < end, bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { valid = false }
        } else if digits() == 0 {
            valid = false
        }
        if valid, index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { valid = false }
        }
        if valid, index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { valid = false }
        }
        if !valid || index != end || (end < bytes.count && isWordByte(bytes[end])) {
            // Name the whole word (`0x10`, `-Infinity`), not just its number-like start.
            var wordEnd = end
            while wordEnd < bytes.count, wordEnd - start < 40, isWordByte(bytes[wordEnd]) || isNumberByte(bytes[wordEnd]) {
                wordEnd += 1
            }
            let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<wordEnd]), as: UTF8.self)
            throw error(
                "json-syntax", "`\(token)` is not a valid JSON number",
                help: "numbers look like `12`, `-3.5` or `1e6`; put anything else in double quotes")
        }
        while offset < end { advance() }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Decodes one UTF-8 sequence strictly (see `UTF8Sequence`).
    func decodeScalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        UTF8Sequence.decode(bytes, at: index)
    }
}
