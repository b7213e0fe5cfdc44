import Testing

@testable import PolicyCore

/// Lints policy text as a file named `policy.json`.
func lint(_ text: String, kind: PolicyKind? = nil, options: LintOptions = .init()) -> LintReport {
    Linter(options: options).lint(ParsedPolicy(name: "policy.json", text: text), kind: kind)
}

/// Expects exactly one finding with `code`, of `severity`, starting at `line`:`column`; returns it
/// so a test can check its wording too.
@discardableResult
func expectFinding(
    _ code: String, _ severity: Severity, at line: Int, _ column: Int, in report: LintReport,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Finding? {
    let matching = report.findings(withCode: code)
    #expect(
        matching.count == 1, "expected one `\(code)`, got \(report.findings.map { "\($0.code)@\($0.range.start.line):\($0.range.start.column)" })",
        sourceLocation: sourceLocation)
    guard let finding = matching.first else { return nil }
    #expect(finding.severity == severity, sourceLocation: sourceLocation)
    #expect(
        "\(finding.range.start.line):\(finding.range.start.column)" == "\(line):\(column)", "\(finding.message)",
        sourceLocation: sourceLocation)
    return finding
}

func expectNoFinding(_ code: String, in report: LintReport, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        report.findings(withCode: code).isEmpty, "unexpected: \(report.findings(withCode: code).map(\.message))",
        sourceLocation: sourceLocation)
}

/// One statement laid out on fixed lines, so tests can name exact positions:
///
///     1 {
///     2   "Version": "2012-10-17",        (a blank line when `version` is nil)
///     3   "Statement": [{
///     4     "Sid": "S1",
///     5     "Effect": "Allow",
///     6     "Principal": { "AWS": "arn:aws:iam::111122223333:user/dev" },   (blank when nil)
///     7     "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
///     8…    one line per `extra` element
///       }]
///     }
///
/// Values start at: Sid 4:12, Effect 5:15, Principal 6:18 (with `{ "AWS": "…"`, the ARN's quote at
/// 6:27), Action 7:15 (first item's quote 7:16, second 7:37); on an extra line the key is at column 5.
func statementPolicy(
    version: String? = "2012-10-17", sid: String = "S1", effect: String = "Allow",
    principal: String? = #"{ "AWS": "arn:aws:iam::111122223333:user/dev" }"#,
    principalKey: String = "Principal",
    action: String = #"["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]"#, actionKey: String = "Action",
    extra: [String] = []
) -> String {
    var lines = ["{"]
    lines.append(version.map { #"  "Version": "\#($0)","# } ?? "")
    lines.append(#"  "Statement": [{"#)
    lines.append(#"    "Sid": "\#(sid)","#)
    lines.append(#"    "Effect": "\#(effect)","#)
    lines.append(principal.map { #"    "\#(principalKey)": \#($0),"# } ?? "")
    lines.append(#"    "\#(actionKey)": \#(action)"# + (extra.isEmpty ? "" : ","))
    for (index, element) in extra.enumerated() {
        lines.append("    " + element + (index == extra.count - 1 ? "" : ","))
    }
    lines.append("  }]")
    lines.append("}")
    return lines.joined(separator: "\n")
}

/// The section's own repository policy, as the workshop prints it, with `account` in the principal.
func sectionPolicy(account: String) -> String {
    """
    {
      "Version": "2008-10-17",
      "Statement": [
        {
          "Sid": "AllowPushPullFromCICDUser",
          "Effect": "Allow",
          "Principal": {
            "AWS": "arn:aws:iam::\(account):user/fcj-ecr-ci-cd-user"
          },
          "Action": [
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "ecr:BatchCheckLayerAvailability",
            "ecr:PutImage",
            "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload"
          ]
        }
      ]
    }
    """
}
