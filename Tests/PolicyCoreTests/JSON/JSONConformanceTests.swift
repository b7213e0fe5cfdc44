import Testing

@testable import PolicyCore

/// RFC 8259: what a JSON reader must accept, and how it must read it.
@Suite("JSON reader: RFC 8259 conformance")
struct JSONConformanceTests {
    @Test("every simple escape decodes to its character")
    func simpleEscapes() {
        #expect(memberValue(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
    }

    @Test(
        "\\u escapes decode, in either case, including NUL and surrogate pairs",
        arguments: [
            (#""\u0041""#, "A"),
            (#""\u00e9\u00E9""#, "éé"),
            (#""\u20AC""#, "€"),
            (#""\u0000""#, "\u{0}"),
            (#""\uD83D\uDE00""#, "😀"),
            (#""\ud834\udd1e""#, "𝄞"),
            (#""a\uDBFF\uDFFFb""#, "a\u{10FFFF}b"),
            (#""\u002F\u005C""#, "/\\"),
        ])
    func unicodeEscapes(json: String, expected: String) {
        #expect(memberValue(json) == .string(expected))
    }

    @Test("raw UTF-8 text in strings is kept as written")
    func rawUTF8() {
        #expect(memberValue(#""héllo 日本 😀 \u00e9""#) == .string("héllo 日本 😀 é"))
        #expect(memberValue("\"\u{7F}\"") == .string("\u{7F}"))
    }

    @Test(
        "a surrogate without its other half is refused at its backslash",
        arguments: [
            (#"{"v": "\uD83D"}"#, "1:8"),
            (#"{"v": "\uDE00"}"#, "1:8"),
            (#"{"v": "ab\uD83D\uD83D"}"#, "1:10"),
            (#"{"v": "\uD83Dx"}"#, "1:8"),
            (#"{"v": "\uD83D\n"}"#, "1:8"),
            (#"{"v": "\uDBFF\u0041"}"#, "1:8"),
        ])
    func loneSurrogates(json: String, place: String) {
        let finding = syntaxError(json)
        #expect(finding?.code == "json-syntax")
        #expect(finding?.message.contains("half of a surrogate pair") == true, "\(String(describing: finding))")
        #expect(finding?.place == place)
    }

    @Test(
        "valid numbers are kept as their source text",
        arguments: [
            "0", "-0", "1", "-1", "10", "1234567890", "1.5", "-0.5", "0.000", "1e5", "1E5", "1e+5", "1e-5",
            "-1.25E-10", "1.5e300", "1e999999999", "-1e-999999999", "123456789012345678901234567890",
        ])
    func validNumbers(text: String) {
        #expect(memberValue(text) == .number(text))
        #expect(memberValue("[\(text)]") == .array([.number(text)]))
    }

    @Test(
        "invalid numbers are refused at their first character, naming the text",
        arguments: [
            ("01", "`01` is not a valid JSON number"),
            ("-01", "`-01` is not a valid JSON number"),
            ("1.", "`1.` is not a valid JSON number"),
            ("1.e5", "`1.e5` is not a valid JSON number"),
            ("1e", "`1e` is not a valid JSON number"),
            ("1e+", "`1e+` is not a valid JSON number"),
            ("-", "`-` is not a valid JSON number"),
            ("--1", "`--1` is not a valid JSON number"),
            ("1-2", "`1-2` is not a valid JSON number"),
            ("1.5.5", "`1.5.5` is not a valid JSON number"),
            ("+1", "expected the value of `v`, found `+`"),
            (".5", "expected the value of `v`, found `.`"),
            ("0x10", "`0x10` is not a valid JSON number"),
            ("12abc", "`12abc` is not a valid JSON number"),
            ("-Infinity", "`-Infinity` is not a valid JSON number"),
        ])
    func invalidNumbers(text: String, message: String) {
        let finding = syntaxError("{\"v\": \(text)}")
        #expect(finding?.code == "json-syntax")
        #expect(finding?.message == message)
        #expect(finding?.place == "1:7")
    }

    @Test("true, false and null read as themselves")
    func literals() {
        #expect(memberValue("true") == .bool(true))
        #expect(memberValue("false") == .bool(false))
        #expect(memberValue("null") == .null)
        #expect(memberValue("[true,false,null]") == .array([.bool(true), .bool(false), .null]))
    }

    @Test("any value may be the root, with whitespace around it")
    func scalarRoots() {
        #expect(read(" \"x\" ").root.map(Tree.init) == .string("x"))
        #expect(read("\n42\n").root.map(Tree.init) == .number("42"))
        #expect(read("null").root.map(Tree.init) == .null)
        #expect(read("\t[]\r\n").root.map(Tree.init) == .array([]))
        #expect(read("{}").root.map(Tree.init) == .object([]))
    }

    @Test("object members keep their source order")
    func memberOrder() {
        let tree = read(#"{"b": 1, "a": [2, {"z": null, "y": "q"}], "c": {}}"#).root.map(Tree.init)
        #expect(
            tree
                == .object([
                    .init(key: "b", value: .number("1")),
                    .init(
                        key: "a",
                        value: .array([
                            .number("2"),
                            .object([.init(key: "z", value: .null), .init(key: "y", value: .string("q"))]),
                        ])),
                    .init(key: "c", value: .object([])),
                ]))
    }

    @Test("keys decode escapes like any string, and the empty key is a key")
    func keys() {
        let tree = read(#"{"\u0041ction": 1, "": 2}"#).root.map(Tree.init)
        #expect(tree == .object([.init(key: "Action", value: .number("1")), .init(key: "", value: .number("2"))]))
    }

    @Test("a byte order mark is skipped, whether read from text or from bytes")
    func byteOrderMark() {
        #expect(read("\u{FEFF}{\"a\": 1}").root.map(Tree.init) == .object([.init(key: "a", value: .number("1"))]))
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"["x"]"#.utf8)
        #expect(read(bytes: bytes).root.map(Tree.init) == .array([.string("x")]))
    }
}
