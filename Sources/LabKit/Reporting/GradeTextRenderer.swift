/// A grade as a learner reads it in a terminal:
///
///     not passed 9/13: 04-ci-push-pull
///       work/04-ci-push-pull.json:4:5: fcj-ecr-ci-cd-user cannot push: ecr:InitiateLayerUpload is not in …
///     passed 9 of 13 checks: 4 lint, 1 grant, 4 least-privilege
///
/// Failed checks one per line, in the grader's order; checks that failed for the same reason share a
/// line; passed checks are only counted. A pure function: the caller says whether colour is wanted.
public struct GradeTextRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ result: GradeResult) -> String {
        var out = verdict(result) + "\n"
        var lines: [(text: String, count: Int)] = []
        for check in result.failedChecks {
            let text = (check.location.map { "\($0): " } ?? "") + check.message
            if let index = lines.firstIndex(where: { $0.text == text }) { lines[index].count += 1 } else { lines.append((text, 1)) }
        }
        for line in lines {
            out += "  " + line.text + (line.count > 1 ? " (\(line.count) checks)" : "") + "\n"
        }
        out += summary(result) + "\n"
        return out
    }

    public func verdict(_ result: GradeResult) -> String {
        let word = result.passed ? paint("passed", "1;32") : paint("not passed", "1;31")
        return "\(word) \(result.score)/\(result.maxScore): \(result.taskID)"
    }

    /// "passed 9 of 13 checks: 4 lint, 1 grant, 4 least-privilege".
    public func summary(_ result: GradeResult) -> String {
        let passed = result.passedChecks
        if passed.isEmpty { return "no check passed yet" }
        var kinds: [(String, Int)] = []
        for check in passed {
            if let index = kinds.firstIndex(where: { $0.0 == check.kind }) { kinds[index].1 += 1 } else { kinds.append((check.kind, 1)) }
        }
        let counts = kinds.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        if passed.count == result.checks.count { return "all \(passed.count) checks passed: \(counts)" }
        return "passed \(passed.count) of \(result.checks.count) checks: \(counts)"
    }

    private func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
