import Testing

@testable import PolicyCore

/// Duplicate keys, nesting and size limits, and invalid UTF-8: the ways a file can be unreadable or
/// ambiguous while looking fine in an editor.
@Suite("JSON reader: duplicates, limits and encoding")
struct JSONLimitTests {
    @Test("every repeated key is reported at its repetition, naming the first")
    func duplicateKeys() throws {
        let document = read("{\"a\": 1, \"b\": 2,\n \"a\": 3, \"b\": 4, \"a\": 5}")
        let root = try #require(document.root, "duplicate keys do not stop reading")
        #expect(document.findings.map(\.code) == ["duplicate-key", "duplicate-key", "duplicate-key"])
        #expect(document.findings.map(\.place) == ["2:2", "2:10", "2:18"])
        #expect(document.findings.allSatisfy { $0.severity == .error })
        #expect(document.findings[0].message == "`a` appears twice in the same object (first at line 1, column 2)")
        #expect(document.findings[1].message == "`b` appears twice in the same object (first at line 1, column 10)")
        #expect(document.findings[2].message.contains("first at line 1, column 2"))
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b", "a", "b", "a"], "every member is kept, in order")
    }

    @Test("duplicates are found in large objects too, on both sides of the switch to an index")
    func duplicatesInLargeObjects() {
        for keys in [(0..<16).map { "k\($0)" } + ["k15"], (0..<40).map { "k\($0)" } + ["k3", "k20", "k39", "k3"]] {
            let document = read("{" + keys.map { "\"\($0)\": 0" }.joined(separator: ",\n") + "}")
            #expect(document.root != nil)
            let repeats = keys.indices.filter { keys.firstIndex(of: keys[$0]) != $0 }
            #expect(document.findings.map(\.place) == repeats.map { "\($0 + 1):1" })
            #expect(
                document.findings.map(\.message)
                    == repeats.map { index in
                        let first = keys.firstIndex(of: keys[index])!
                        return "`\(keys[index])` appears twice in the same object (first at line \(first + 1), column \(first == 0 ? 2 : 1))"
                    })
        }
    }

    @Test("an object with 50,000 keys is read without slowing to a crawl")
    func manyKeys() {
        let text = "{" + (0..<50_000).map { "\"k\($0)\":0" }.joined(separator: ",") + ",\"k7\":1}"
        let document = read(text)
        #expect(document.root != nil)
        #expect(document.findings.map(\.code) == ["duplicate-key"])
    }

    @Test("the same key in different objects is not a duplicate; nested duplicates are found")
    func duplicatesPerObject() {
        #expect(read(#"[{"a": 1}, {"a": 2}, {"x": {"a": 3}, "a": 4}]"#).findings.isEmpty)
        let nested = read(#"{"Statement": [{"Effect": "Allow", "Effect": "Deny"}]}"#)
        #expect(nested.root != nil)
        #expect(nested.findings.map(\.code) == ["duplicate-key"])
        #expect(nested.findings.first?.place == "1:36")
    }

    @Test("keys equal only after decoding escapes are duplicates")
    func duplicateAfterEscapes() {
        let document = read(#"{"Effect": 1, "\u0045ffect": 2}"#)
        #expect(document.findings.map(\.code) == ["duplicate-key"])
        #expect(document.findings.first?.place == "1:15")
    }

    @Test("duplicates found before a syntax error are reported with it")
    func duplicatesThenSyntaxError() {
        let document = read(#"{"a": 1, "a": 2, "b" 3}"#)
        #expect(document.root == nil)
        #expect(document.findings.map(\.code) == ["duplicate-key", "json-syntax"])
    }

    @Test("64 levels of nesting are read; the 65th is refused at its bracket")
    func depthLimit() throws {
        let limit = JSONReader.defaultMaximumDepth
        #expect(limit == 64)
        #expect(read(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).findings.isEmpty)
        let tooDeep = try #require(syntaxError(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)))
        #expect(tooDeep.code == "too-deep")
        #expect(tooDeep.place == "1:65")
        #expect(tooDeep.message == "the JSON is nested more than 64 levels deep")

        let objects = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
        let deepObject = try #require(syntaxError(objects))
        #expect(deepObject.code == "too-deep")
        #expect(deepObject.place == "1:321")
    }

    @Test("100,000 opening brackets are refused without exhausting the stack")
    func runawayNesting() {
        let arrays = syntaxError(String(repeating: "[", count: 100_000))
        #expect(arrays?.code == "too-deep")
        #expect(arrays?.place == "1:65")
        let mixed = syntaxError(String(repeating: "{\"k\": [", count: 50_000))
        #expect(mixed?.code == "too-deep")
        let lines = syntaxError(String(repeating: "[\n", count: 100_000))
        #expect(lines?.place == "65:1")
    }

    @Test("the depth limit can be lowered")
    func customDepth() {
        let reader = JSONReader(maximumDepth: 2)
        #expect(read("[[1]]", reader: reader).root != nil)
        let finding = syntaxError(read(#"{"a": [{}]}"#, reader: reader))
        #expect(finding?.code == "too-deep")
        #expect(finding?.place == "1:8")
        #expect(finding?.message == "the JSON is nested more than 2 levels deep")
    }

    @Test("input over 1 MiB is refused before reading; exactly 1 MiB is read")
    func sizeLimit() {
        let limit = JSONReader.defaultMaximumSize
        #expect(limit == 1_048_576)
        let body = "[\"" + String(repeating: "a", count: limit - 4) + "\"]"
        #expect(body.utf8.count == limit)
        #expect(read(body).findings.isEmpty)
        let tooLarge = syntaxError(body + " ")
        #expect(tooLarge?.code == "file-too-large")
        #expect(tooLarge?.place == "1:1")
        #expect(tooLarge?.message == "the file is more than 1048576 bytes, the most ecrlab reads")
        // Refused by size even when the text is not JSON at all: nothing is read.
        #expect(syntaxError(read(bytes: [UInt8](repeating: 0xFF, count: limit + 1)))?.code == "file-too-large")
        #expect(syntaxError(read("[1, 2]", reader: JSONReader(maximumSize: 5)))?.code == "file-too-large")
    }

    struct Encoding: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var place: String
        var byte: String
        var testDescription: String { name }
    }

    /// Text or raw bytes, so a test can splice invalid bytes between readable JSON.
    struct Part: ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
        var bytes: [UInt8]
        init(stringLiteral text: String) { bytes = Array(text.utf8) }
        init(arrayLiteral bytes: UInt8...) { self.bytes = bytes }
    }

    static func bytes(_ parts: Part...) -> [UInt8] { parts.flatMap(\.bytes) }

    static let encodings: [Encoding] = [
        Encoding(name: "0xFF in a string", bytes: bytes(#"{"a": "x"#, [0xFF], #""}"#), place: "1:9", byte: "FF"),
        Encoding(name: "0xFE outside a string", bytes: bytes(#"{"a": "#, [0xFE], "}"), place: "1:7", byte: "FE"),
        Encoding(name: "0xFF in a key", bytes: bytes(#"{""#, [0xFF], #"": 1}"#), place: "1:3", byte: "FF"),
        Encoding(name: "lone continuation byte", bytes: bytes(#"["é"#, [0x80], #""]"#), place: "1:4", byte: "80"),
        Encoding(name: "truncated 2-byte sequence", bytes: bytes(#"["ab"#, [0xC3], #""]"#), place: "1:5", byte: "C3"),
        Encoding(name: "truncated 3-byte sequence", bytes: bytes(#"["日"#, [0xE6, 0x97], #""]"#), place: "1:4", byte: "E6"),
        Encoding(name: "truncated at end of file", bytes: bytes(#"["日本"#, [0xE6, 0x97]), place: "1:5", byte: "E6"),
        Encoding(name: "truncated 4-byte sequence", bytes: bytes(#"["x"#, [0xF0, 0x9F, 0x98], #""]"#), place: "1:4", byte: "F0"),
        Encoding(name: "overlong 2-byte slash", bytes: bytes(#"[""#, [0xC0, 0xAF], #""]"#), place: "1:3", byte: "C0"),
        Encoding(name: "overlong 3-byte slash", bytes: bytes(#"[""#, [0xE0, 0x80, 0xAF], #""]"#), place: "1:3", byte: "E0"),
        Encoding(name: "overlong 4-byte", bytes: bytes(#"[""#, [0xF0, 0x80, 0x80, 0xAF], #""]"#), place: "1:3", byte: "F0"),
        Encoding(name: "UTF-8 encoded high surrogate", bytes: bytes(#"[""#, [0xED, 0xA0, 0x80], #""]"#), place: "1:3", byte: "ED"),
        Encoding(name: "UTF-8 encoded low surrogate", bytes: bytes(#"[""#, [0xED, 0xBF, 0xBF], #""]"#), place: "1:3", byte: "ED"),
        Encoding(name: "past U+10FFFF", bytes: bytes(#"[""#, [0xF4, 0x90, 0x80, 0x80], #""]"#), place: "1:3", byte: "F4"),
        Encoding(name: "0xF5 lead byte", bytes: bytes(#"[""#, [0xF5, 0x80, 0x80, 0x80], #""]"#), place: "1:3", byte: "F5"),
        Encoding(
            name: "after multi-byte text on a later CRLF line",
            bytes: bytes("{\r\n  \"é😀\": \"日本", [0xFF], "\"\r\n}"), place: "2:12", byte: "FF"),
        Encoding(name: "after the root", bytes: bytes("{}\n  ", [0xC3, 0x28]), place: "2:3", byte: "C3"),
        Encoding(name: "instead of a key", bytes: bytes("{\n\t", [0xA9], "}"), place: "2:2", byte: "A9"),
        Encoding(name: "after a backslash", bytes: bytes(#"["\"#, [0xFF], #""]"#), place: "1:4", byte: "FF"),
    ]

    @Test("invalid UTF-8 is reported at the exact offending byte", arguments: encodings)
    func invalidUTF8(_ example: Encoding) {
        let finding = syntaxError(read(bytes: example.bytes))
        #expect(finding?.code == "invalid-utf8")
        #expect(finding?.place == example.place)
        #expect(finding?.message == "the file is not valid UTF-8 here (byte 0x\(example.byte))")
        #expect(finding?.help == "save the file with UTF-8 encoding")
    }

    @Test("valid UTF-8 at the edges of each length is accepted")
    func validUTF8Edges() {
        let scalars = ["\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"]
        for scalar in scalars {
            let document = read(bytes: Array("[\"\(scalar)\"]".utf8))
            #expect(document.findings.isEmpty, "\(scalar.unicodeScalars.first!.value)")
            #expect(document.root.map(Tree.init) == .array([.string(scalar)]))
        }
    }

    @Test("a parsed policy from bytes keeps the invalid-UTF-8 finding and no model")
    func parsedPolicyFromBytes() {
        let parsed = ParsedPolicy(name: "p.json", bytes: Self.bytes("{\"Version\": \"", [0xFF], "\"}"))
        #expect(parsed.policy == nil)
        #expect(parsed.findings.map(\.code) == ["invalid-utf8"])
        #expect(parsed.findings.first?.place == "1:14")
    }
}
