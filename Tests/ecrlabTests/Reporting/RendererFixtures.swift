import PolicyCore

/// Hand-made findings, so renderer tests do not depend on what the linter reports today.
enum RendererFixtures {
    static func range(_ line: Int, _ column: Int, to endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(
            start: SourcePosition(offset: line * 100 + column, line: line, column: column),
            end: SourcePosition(offset: endLine * 100 + endColumn, line: endLine, column: endColumn))
    }

    static let text = """
        {
        \t"Action": "ecr:PutImages",
          "Principal": "*"
        }
        """

    static let unknownAction = Finding(
        .error, "unknown-action", "`ecr:PutImages` is not an ECR action", at: range(2, 12, to: 2, 27),
        help: "did you mean `ecr:PutImage`?")
    static let publicAccess = Finding(.security, "public-access", "anyone may call this", at: range(3, 16, to: 3, 19))
    static let statementWide = Finding(.warning, "whole-object", "spans lines", at: range(1, 1, to: 4, 2))

    static let file = SourceFindings(file: "my policy.json", text: text, findings: [unknownAction, publicAccess, statementWide])
}
