import Testing

@testable import PolicyCore

/// Every key and value keeps the line and column where it starts: columns count characters
/// (Unicode scalars), not bytes, and a tab is one column, as editors number them.
@Suite("JSON reader: positions")
struct JSONPositionTests {
    @Test("keys and values on separate lines")
    func multiline() throws {
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    { \"Effect\": \"Allow\" }\n  ]\n}\n"
        let root = try #require(read(text).root)
        #expect(root.range.start.place == "1:1")
        #expect(root.range.end.place == "6:2")
        #expect(root.range.end.offset == text.utf8.count - 1)
        let version = try #require(root["Version"])
        #expect(version.keyRange.start.place == "2:3")
        #expect(version.keyRange.end.place == "2:12")
        #expect(version.value.range.start.place == "2:14")
        #expect(version.value.range.end.place == "2:26")
        let statement = try #require(root["Statement"])
        #expect(statement.keyRange.start.place == "3:3")
        #expect(statement.value.range.start.place == "3:16")
        #expect(statement.value.range.end.place == "5:4")
        let first = try #require(statement.value[0])
        #expect(first.range.start.place == "4:5")
        let effect = try #require(first["Effect"])
        #expect(effect.keyRange.start.place == "4:7")
        #expect(effect.value.range.start.place == "4:17")
        #expect(effect.value.range.start.offset == 62)
    }

    @Test("multi-byte characters count as one column each, while offsets count bytes")
    func multiByte() throws {
        let root = try #require(read(#"{"é": "日本", "k": "😀", "z": 1}"#).root)
        let accent = try #require(root["é"])
        #expect(accent.keyRange.start.place == "1:2")
        #expect(accent.value.range.start.place == "1:7")
        #expect(accent.value.range.end.place == "1:11")
        let k = try #require(root["k"])
        #expect(k.keyRange.start.place == "1:13")
        #expect(k.keyRange.start.offset == 17)
        #expect(k.value.range.start.place == "1:18")
        let z = try #require(root["z"])
        #expect(z.keyRange.start.place == "1:23")
        #expect(z.keyRange.start.offset == 30)
        #expect(z.value.range.start.place == "1:28")
    }

    @Test("an escape counts one column per character written, not per character meant")
    func escapesCountAsWritten() throws {
        let root = try #require(read(#"{"a": "\u00e9\n", "b": 2}"#).root)
        #expect(root["b"]?.keyRange.start.place == "1:19")
    }

    @Test("CRLF line endings start a new line once, not twice")
    func crlf() throws {
        let root = try #require(read("{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n").root)
        #expect(root["a"]?.keyRange.start.place == "2:3")
        #expect(root["a"]?.value.range.start.place == "2:8")
        #expect(root["b"]?.keyRange.start.place == "3:3")
        #expect(root["b"]?.value[0]?.range.start.place == "4:5")
        #expect(root.range.end.place == "6:2")
        #expect(syntaxError("{\r\n\"a\": 1\r\n\"b\": 2}")?.place == "3:1")
    }

    @Test("a tab is one column")
    func tabs() throws {
        let root = try #require(read("{\t\"a\":\t1,\n\t\t\"b\": 2}").root)
        #expect(root["a"]?.keyRange.start.place == "1:3")
        #expect(root["a"]?.value.range.start.place == "1:8")
        #expect(root["b"]?.keyRange.start.place == "2:3")
    }

    @Test("a byte order mark takes no column, but keeps its bytes in offsets")
    func byteOrderMark() throws {
        let root = try #require(read("\u{FEFF}{\"a\": 1}").root)
        #expect(root.range.start.place == "1:1")
        #expect(root.range.start.offset == 3)
        #expect(root["a"]?.keyRange.start.place == "1:2")
        #expect(root["a"]?.keyRange.start.offset == 4)
        #expect(syntaxError("\u{FEFF}{\"a\" 1}")?.place == "1:6")
    }

    @Test("values in lists and nested objects")
    func nested() throws {
        let root = try #require(read("[1, \"two\", [null], {\"k\": false}]").root)
        #expect(root[0]?.range.start.place == "1:2")
        #expect(root[0]?.range.end.place == "1:3")
        #expect(root[1]?.range.start.place == "1:5")
        #expect(root[1]?.range.end.place == "1:10")
        #expect(root[2]?[0]?.range.start.place == "1:13")
        #expect(root[2]?[0]?.range.end.place == "1:17")
        #expect(root[3]?["k"]?.keyRange.start.place == "1:21")
        #expect(root[3]?["k"]?.value.range.start.place == "1:26")
        #expect(root[3]?.range.end.place == "1:32")
    }
}
