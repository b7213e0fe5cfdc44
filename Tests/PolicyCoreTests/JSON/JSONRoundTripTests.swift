import Testing

@testable import PolicyCore

/// Random trees written out as JSON, in varied but valid spellings, must read back as the same tree,
/// with every value's range starting at the character that opens it.
@Suite("JSON reader: round trip")
struct JSONRoundTripTests {
    struct TreeGenerator {
        var random: SeededGenerator

        static let pieces: [String] = [
            "a", "Z", " ", "ecr:*", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}", "é",
            "日本", "😀", "𝄞", "\u{FEFF}", "\u{2028}", "\u{10FFFF}", "${aws:username}", "<YOUR_AWS_ACCOUNT_ID>",
        ]

        mutating func string() -> String {
            (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
        }

        mutating func number() -> String {
            var text = Bool.random(using: &random) ? "-" : ""
            text += Int.random(in: 0..<4, using: &random) == 0 ? "0" : String(UInt64.random(in: 1...UInt64.max, using: &random))
            if Bool.random(using: &random) { text += "." + String(Int.random(in: 0...99_999, using: &random)) }
            if Bool.random(using: &random) {
                text += ["e", "E"].randomElement(using: &random)! + ["", "+", "-"].randomElement(using: &random)!
                text += String(Int.random(in: 0...400, using: &random))
            }
            return text
        }

        mutating func tree(depth: Int) -> Tree {
            let kind = Int.random(in: 0..<(depth > 5 ? 4 : 6), using: &random)
            switch kind {
            case 0: return .string(string())
            case 1: return .number(number())
            case 2: return Bool.random(using: &random) ? .bool(Bool.random(using: &random)) : .null
            case 3: return .string("")
            case 4:
                return .array((0..<Int.random(in: 0...5, using: &random)).map { _ in tree(depth: depth + 1) })
            default:
                var keys = Set<String>()
                var pairs: [Tree.Pair] = []
                for _ in 0..<Int.random(in: 0...5, using: &random) {
                    let key = string()
                    guard keys.insert(key).inserted else { continue }
                    pairs.append(Tree.Pair(key: key, value: tree(depth: depth + 1)))
                }
                return .object(pairs)
            }
        }
    }

    /// A deliberately varied serializer: random whitespace (including CRLF and tabs) and random
    /// choices between raw characters and their escapes.
    struct Writer {
        var random: SeededGenerator
        var output = ""

        mutating func space() {
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                output += [" ", "\t", "\n", "\r\n", "  "].randomElement(using: &random)!
            }
        }

        mutating func write(_ tree: Tree) {
            space()
            switch tree {
            case .object(let pairs):
                output += "{"
                for (index, pair) in pairs.enumerated() {
                    if index > 0 { output += "," }
                    space()
                    write(string: pair.key)
                    space()
                    output += ":"
                    write(pair.value)
                }
                space()
                output += "}"
            case .array(let items):
                output += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { output += "," }
                    write(item)
                }
                space()
                output += "]"
            case .string(let text): write(string: text)
            case .number(let text): output += text
            case .bool(let flag): output += flag ? "true" : "false"
            case .null: output += "null"
            }
            space()
        }

        mutating func write(string: String) {
            output += "\""
            for scalar in string.unicodeScalars {
                let escapeAnyway = Int.random(in: 0..<5, using: &random) == 0
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n": output += escapeAnyway ? "\\u000a" : "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case "\u{8}": output += "\\b"
                case "\u{C}": output += "\\f"
                case "/" where escapeAnyway: output += "\\/"
                case _ where scalar.value < 0x20 || escapeAnyway: output += utf16Escape(scalar)
                default: output.unicodeScalars.append(scalar)
                }
            }
            output += "\""
        }

        func utf16Escape(_ scalar: Unicode.Scalar) -> String {
            String(scalar).utf16.map { unit in
                let hex = String(unit, radix: 16, uppercase: unit % 2 == 0)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }.joined()
        }
    }

    /// The byte each kind of value must start with.
    static func opens(_ node: JSONNode, at byte: UInt8) -> Bool {
        switch node.value {
        case .object: byte == UInt8(ascii: "{")
        case .array: byte == UInt8(ascii: "[")
        case .string: byte == UInt8(ascii: "\"")
        case .number: byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        case .bool(let flag): byte == UInt8(ascii: flag ? "t" : "f")
        case .null: byte == UInt8(ascii: "n")
        }
    }

    static func rangesAreSound(_ node: JSONNode, in bytes: [UInt8]) -> Bool {
        let range = node.range
        guard range.start.offset < range.end.offset, range.end.offset <= bytes.count,
            opens(node, at: bytes[range.start.offset]),
            JSONPropertyTests.expectedPlace(of: range.start.offset, in: bytes).map({ $0 == (range.start.line, range.start.column) }) ?? false
        else { return false }
        switch node.value {
        case .object(let members):
            return members.allSatisfy { member in
                bytes[member.keyRange.start.offset] == UInt8(ascii: "\"") && rangesAreSound(member.value, in: bytes)
            }
        case .array(let items): return items.allSatisfy { rangesAreSound($0, in: bytes) }
        default: return true
        }
    }

    @Test("500 random trees read back as themselves, with sound ranges")
    func roundTrip() {
        var trees = TreeGenerator(random: SeededGenerator(seed: 0x5EED_0004))
        var writer = Writer(random: SeededGenerator(seed: 0x5EED_0005))
        var failures: [String] = []
        for round in 0..<500 {
            let tree = trees.tree(depth: 0)
            writer.output = Bool.random(using: &writer.random) ? "\u{FEFF}" : ""
            writer.write(tree)
            let bytes = Array(writer.output.utf8)
            let document = JSONReader().read(bytes)
            guard let root = document.root, document.findings.isEmpty else {
                failures.append("round \(round): \(writer.output.debugDescription) gave \(document.findings)")
                continue
            }
            if Tree(root) != tree { failures.append("round \(round): \(writer.output.debugDescription) read as \(Tree(root))") }
            if !Self.rangesAreSound(root, in: bytes) { failures.append("round \(round): unsound ranges in \(writer.output.debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }
}
