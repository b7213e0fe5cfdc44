import PolicyCore
import Testing

@Suite struct TextFindingRendererTests {
    let renderer = TextFindingRenderer()

    @Test func headerHelpSourceLineAndCaret() {
        // Line 2 starts with a tab: expanded to 4 spaces, so column 12 sits at display column 15.
        let out = renderer.render(RendererFixtures.unknownAction, in: RendererFixtures.file)
        #expect(out == """
            my policy.json:2:12: error[unknown-action]: `ecr:PutImages` is not an ECR action
              help: did you mean `ecr:PutImage`?
                2 |     "Action": "ecr:PutImages",
                  |               ^~~~~~~~~~~~~~~

            """)
    }

    @Test func noHelpLineWhenThereIsNoHelp() {
        let out = renderer.render(RendererFixtures.publicAccess, in: RendererFixtures.file)
        #expect(!out.contains("help:"))
        #expect(out.hasSuffix("      |                ^~~\n"))
    }

    @Test func aRangeOverSeveralLinesMarksOnlyItsStart() {
        let out = renderer.render(RendererFixtures.statementWide, in: RendererFixtures.file)
        #expect(out.hasSuffix("    1 | {\n      | ^\n"))
    }

    @Test func tabsAfterTheColumnDoNotMoveTheCaret() {
        let file = SourceFindings(file: "p.json", text: "\t\"a\"\t: 1", findings: [])
        let finding = Finding(.error, "x", "m", at: RendererFixtures.range(1, 2, to: 1, 5))
        let out = renderer.render(finding, in: file)
        #expect(out.hasSuffix("    1 |     \"a\" : 1\n      |     ^~~\n"))
    }

    @Test func aPositionJustPastTheEndOfTheLastLinePointsAfterIt() {
        let file = SourceFindings(file: "p.json", text: "{\"a\": ", findings: [])
        let finding = Finding(.error, "json-syntax", "unexpected end", at: RendererFixtures.range(1, 7, to: 1, 7))
        #expect(renderer.render(finding, in: file).hasSuffix("    1 | {\"a\": \n      |       ^\n"))
    }

    @Test func aLineThatDoesNotExistShowsNoSource() {
        let file = SourceFindings(file: "p.json", text: "", findings: [])
        let finding = Finding(.error, "empty", "the file is empty", at: RendererFixtures.range(3, 1, to: 3, 1))
        #expect(renderer.render(finding, in: file) == "p.json:3:1: error[empty]: the file is empty\n")
    }

    @Test func carriageReturnsAreNotShown() {
        let file = SourceFindings(file: "p.json", text: "{\r\n  \"a\": 1\r\n}", findings: [])
        let finding = Finding(.error, "x", "m", at: RendererFixtures.range(2, 3, to: 2, 6))
        #expect(renderer.render(finding, in: file).hasSuffix("    2 |   \"a\": 1\n      |   ^~~\n"))
    }

    @Test func gutterWidensWithTheLineNumber() {
        let text = String(repeating: "\n", count: 11) + "  \"x\""
        let file = SourceFindings(file: "p.json", text: text, findings: [])
        let finding = Finding(.warning, "x", "m", at: RendererFixtures.range(12, 3, to: 12, 6))
        #expect(renderer.render(finding, in: file).hasSuffix("    12 |   \"x\"\n       |   ^~~\n"))
    }

    @Test func colourWrapsTheSeverityNameOnly() {
        let coloured = TextFindingRenderer(colored: true).render(RendererFixtures.unknownAction, in: RendererFixtures.file)
        let plain = renderer.render(RendererFixtures.unknownAction, in: RendererFixtures.file)
        #expect(coloured.contains("\u{1B}[1;31merror\u{1B}[0m[unknown-action]"))
        #expect(coloured.replacingOccurrences(of: "\u{1B}[1;31m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == plain)
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func everyFileThenOneSummaryLine() {
        let clean = SourceFindings(file: "clean.json", text: "{}", findings: [])
        let out = renderer.render([RendererFixtures.file, clean])
        #expect(out.hasSuffix("\n1 error, 1 security finding, 1 warning in 2 files\n"))
        #expect(out.components(separatedBy: "my policy.json:").count == 4)
    }

    @Test(arguments: [
        ([Severity](), 1, "no findings in 1 file"),
        ([.error, .error, .warning], 1, "2 errors, 1 warning in 1 file"),
        ([.suggestion, .security, .security], 3, "2 security findings, 1 suggestion in 3 files"),
        ([.warning, .suggestion, .suggestion], 2, "1 warning, 2 suggestions in 2 files"),
    ])
    func summaryCountsEachSeverity(severities: [Severity], files: Int, expected: String) {
        let findings = severities.map { Finding($0, "c", "m", at: .unknown) }
        var list = [SourceFindings(file: "a", text: "", findings: findings)]
        list += (1..<files).map { SourceFindings(file: "f\($0)", text: "", findings: []) }
        #expect(list.summary == expected)
    }
}
