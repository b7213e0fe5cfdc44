import Testing

@testable import PolicyCore

/// Every syntax error stops reading with one finding, at the exact character where the text stops
/// being JSON, with a message a learner understands.
@Suite("JSON reader: syntax errors")
struct JSONSyntaxErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var json: String
        var place: String
        var message: String
        var help: String? = nil
        var testDescription: String { json.debugDescription }
    }

    static let cases: [Case] = [
        Case(
            json: #"{"Effect": "Allow" "Action": []}"#, place: "1:20",
            message: "expected `,` or `}` after the value of `Effect`, found `\"`",
            help: "a `,` is missing between two keys"),
        Case(
            json: "{\n  \"Effect\": \"Allow\"\n  \"Action\": []\n}", place: "3:3",
            message: "expected `,` or `}` after the value of `Effect`, found `\"`"),
        Case(
            json: #"["a" "b"]"#, place: "1:6", message: "expected `,` or `]` after item 1 of the list, found `\"`",
            help: "a `,` is missing between two items"),
        Case(
            json: #"{"Action": ["a", "b" "c"]}"#, place: "1:22",
            message: "expected `,` or `]` after item 2 of `Action`, found `\"`"),
        Case(json: #"[1 2]"#, place: "1:4", message: "expected `,` or `]` after item 1 of the list, found `2`"),
        Case(
            json: #"{"a": 1,}"#, place: "1:9", message: "trailing `,` after the value of `a`",
            help: "JSON allows no comma before `}`: remove it"),
        Case(
            json: #"{"Action": ["a", ]}"#, place: "1:18", message: "trailing `,` after item 1 of `Action`",
            help: "JSON allows no comma before `]`: remove it"),
        Case(json: #"[1,]"#, place: "1:4", message: "trailing `,` after item 1 of the list"),
        Case(json: #"{,}"#, place: "1:2", message: "expected a key in double quotes, found `,`"),
        Case(json: #"[,1]"#, place: "1:2", message: "expected item 1 of the list, found `,`"),
        Case(json: "{ // note\n}", place: "1:3", message: "comments are not allowed in JSON", help: "remove the comment"),
        Case(json: "{\"a\": 1 /* note */}", place: "1:9", message: "comments are not allowed in JSON"),
        Case(json: "{}\n// trailing", place: "2:1", message: "comments are not allowed in JSON"),
        Case(
            json: #"{"a": 'b'}"#, place: "1:7", message: "the value of `a` uses single quotes",
            help: "JSON strings need double quotes: write `\"…\"`"),
        Case(
            json: #"{'a': 1}"#, place: "1:2", message: "expected a key in double quotes, found `'`",
            help: "JSON keys need double quotes, not single quotes"),
        Case(
            json: #"{Effect: "Allow"}"#, place: "1:2", message: "expected a key in double quotes, found `Effect`",
            help: "keys need double quotes: write `\"Key\"`"),
        Case(json: #"{"a": True}"#, place: "1:7", message: "`True` is not a JSON value: write `true`"),
        Case(json: #"{"a": FALSE}"#, place: "1:7", message: "`FALSE` is not a JSON value: write `false`"),
        Case(json: #"{"a": Null}"#, place: "1:7", message: "`Null` is not a JSON value: write `null`"),
        Case(json: #"{"a": tru}"#, place: "1:7", message: "`tru` is not a JSON value"),
        Case(json: #"{"a": nulls}"#, place: "1:7", message: "`nulls` is not a JSON value"),
        Case(json: #"{"a": NaN}"#, place: "1:7", message: "`NaN` is not a JSON value"),
        Case(json: #"{"Effect": Allow}"#, place: "1:12", message: "expected the value of `Effect`, found `Allow`"),
        Case(json: #"{"a": }"#, place: "1:7", message: "expected the value of `a`, found `}`"),
        Case(json: #"{"a" 1}"#, place: "1:6", message: "expected `:` after the key `a`, found `1`"),
        Case(json: #"{"a"= 1}"#, place: "1:5", message: "expected `:` after the key `a`, found `=`"),
        Case(
            json: #"{"a": "bc"#, place: "1:7", message: "this string is never closed", help: "add the closing `\"`"),
        Case(json: #"{"a"#, place: "1:2", message: "this string is never closed"),
        Case(json: #"["ab\"#, place: "1:5", message: "this string is never closed"),
        Case(json: "{\"a\": \"b\n\"}", place: "1:7", message: "this string is not closed before the end of the line"),
        Case(json: "{\"a\": \"b\r\n\"}", place: "1:7", message: "this string is not closed before the end of the line"),
        Case(
            json: "[\"a\tb\"]", place: "1:4", message: "the control character U+0009 must be escaped inside a string",
            help: "write `\\t` instead of the tab"),
        Case(
            json: "[\"a\u{1}\"]", place: "1:4", message: "the control character U+0001 must be escaped inside a string",
            help: "write it as `\\u0001`"),
        Case(json: #"["\x"]"#, place: "1:3", message: "`\\x` is not a JSON escape"),
        Case(json: #"["ab\'"]"#, place: "1:5", message: "`\\'` is not a JSON escape"),
        Case(json: #"["\é"]"#, place: "1:3", message: "`\\é` is not a JSON escape"),
        Case(json: #"["\u12G4"]"#, place: "1:3", message: "`\\u` must be followed by four hexadecimal digits"),
        Case(json: #"["\u12"]"#, place: "1:3", message: "`\\u` must be followed by four hexadecimal digits"),
        Case(json: #"{"a": 1"#, place: "1:8", message: "expected `,` or `}` after the value of `a`, found the end of the file"),
        Case(json: #"{"a":"#, place: "1:6", message: "the file ends where the value of `a` should be"),
        Case(json: "[", place: "1:2", message: "the file ends where item 1 of the list should be"),
        Case(json: "{", place: "1:2", message: "expected a key in double quotes, found the end of the file"),
        Case(json: "{}}", place: "1:3", message: "expected the end of the file after the policy, found `}`"),
        Case(json: "{} {}", place: "1:4", message: "expected the end of the file after the policy, found `{`"),
        Case(json: "{}\nx", place: "2:1", message: "expected the end of the file after the policy, found `x`"),
        Case(json: "]", place: "1:1", message: "expected the policy, found `]`"),
        Case(json: "{\"a\": \u{0}}", place: "1:7", message: "expected the value of `a`, found a NUL byte"),
        Case(json: "[\"\u{0}\"]", place: "1:3", message: "the control character U+0000 must be escaped inside a string"),
        Case(json: "{}\u{0}", place: "1:3", message: "expected the end of the file after the policy, found a NUL byte"),
        Case(json: "{\"a\": `b`}", place: "1:7", message: "expected the value of `a`, found a backtick"),
        Case(json: "{\"a\": é}", place: "1:7", message: "expected the value of `a`, found `é`"),
    ]

    @Test("each syntax error at its exact position", arguments: cases)
    func syntaxErrors(_ example: Case) {
        let finding = syntaxError(example.json)
        #expect(finding?.code == "json-syntax")
        #expect(finding?.severity == .error)
        #expect(finding?.message == example.message)
        #expect(finding?.place == example.place)
        if let help = example.help { #expect(finding?.help == help) }
    }

    @Test("messages never mention internals and start in lower case")
    func messageStyle() {
        for example in Self.cases {
            guard let finding = read(example.json).findings.first else { continue }
            #expect(finding.message.first?.isUppercase == false, "\(finding.message)")
            #expect(!finding.message.contains("JSONSyntaxError"))
            #expect(!finding.message.contains("\n"))
            #expect(finding.help.map { !$0.isEmpty && !$0.contains("\n") } ?? true)
        }
    }

    @Test("an empty or blank file is reported as empty")
    func emptyFile() {
        for text in ["", "  ", "\n\n", "\u{FEFF}", "\r\n\t "] {
            let finding = syntaxError(text)
            #expect(finding?.code == "empty-file", "\(text.debugDescription)")
            #expect(finding?.message == "the file is empty")
        }
        #expect(syntaxError("")?.place == "1:1")
    }
}
