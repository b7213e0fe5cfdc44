import Testing

@testable import PolicyCore

/// Policies built to be expensive: deep, long, many-statement and wildcard-heavy. Each must get an
/// answer (a decision, or a located refusal) with work and output that grow with the input, not
/// with its square. Times are measured with the release build, never asserted here.
@Suite struct OversizedPolicyTests {
    static let deepInputs: [(name: String, text: String, place: String)] = [
        ("100,000 arrays", String(repeating: "[", count: 100_000), "1:65"),
        ("100,000 objects", String(repeating: #"{"a":"#, count: 100_000), "1:321"),
        ("100,000 closed objects", String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000), "1:321"),
    ]

    @Test(arguments: deepInputs.map(\.name))
    func nestingDeeperThan64IsRefusedAtTheBracketThatGoesTooDeep(_ name: String) throws {
        let input = try #require(Self.deepInputs.first { $0.name == name })
        let parsed = ParsedPolicy(name: "deep.json", text: input.text)
        let report = Linter().lint(parsed)
        #expect(report.fails())
        #expect(report.findings.map(\.code) == ["too-deep"])
        #expect(report.findings.first?.place == input.place)
        #expect(report.findings.first?.message == "the JSON is nested more than 64 levels deep")
        if case .success = CompiledPolicy.compile(parsed, side: .repository) { Issue.record("a too-deep policy compiled") }
        // The excerpt under the message is a window around the bracket, not the 100,000-character line.
        let rendered = TextFindingRenderer().render([SourceFindings(file: "deep.json", text: parsed.text, findings: report.findings)])
        #expect(rendered.utf8.count < 800, "\(rendered.utf8.count) bytes")
        #expect(rendered.contains("    1 | …[[[[") || rendered.contains(#"    1 | …{"a":{"a":"#))
    }

    @Test func tenThousandStatementsAreLintedAsTooLargeForECR() {
        let text = HostilePolicies.manyStatements(10_000)
        #expect(text.utf8.count < JSONReader.defaultMaximumSize, "the policy must fit the reader to test the linter")
        let parsed = ParsedPolicy(name: "many.json", text: text)
        #expect(parsed.policy?.statements.count == 10_000)
        let report = Linter().lint(parsed)
        #expect(report.fails())
        let tooLarge = report.findings(withCode: "policy-too-large")
        #expect(tooLarge.count == 1)
        #expect(tooLarge.first?.severity == .error)
        #expect(tooLarge.first?.message == "the policy is \(text.count) characters long: ECR accepts at most 10240 for a repository policy")
    }

    @Test func findingsOnOneMinifiedLineRenderInSpaceProportionalToTheirNumber() {
        // Every statement grants `*`: several findings per statement, all on the same 120 KB line.
        let statements = Array(repeating: #"{"Effect":"Allow","Principal":"*","Action":"ecr:*"}"#, count: 2_000)
        let text = #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
        let parsed = ParsedPolicy(name: "open.json", text: text)
        let report = Linter().lint(parsed)
        #expect(report.findings.count >= 2_000)
        let rendered = TextFindingRenderer().render([SourceFindings(file: "open.json", text: parsed.text, findings: report.findings)])
        let sourceLines = rendered.split(separator: "\n").filter { $0.hasPrefix("    1 | ") }
        #expect(sourceLines.count == report.findings.count)
        #expect(sourceLines.allSatisfy { $0.unicodeScalars.count <= 8 + 2 + SourceExcerpt.windowScalars })
        #expect(rendered.utf8.count < report.findings.count * 1_000)
        // The caret still sits under the statement each finding names.
        let last = report.findings.last!
        let excerpt = rendered.split(separator: "\n").suffix(3)
        #expect(excerpt.first?.hasPrefix("    1 | …") == true, "\(excerpt)")
        #expect(last.range.start.column > SourceExcerpt.leadingScalars)
        let caretLine = String(excerpt.dropFirst().first ?? "")
        let caretColumn = caretLine.distance(from: caretLine.startIndex, to: caretLine.firstIndex(of: "^")!) - 8
        let sourceLine = String(excerpt.first!).dropFirst(8)
        let underCaret = sourceLine.unicodeScalars.dropFirst(caretColumn).prefix(3)
        #expect(String(String.UnicodeScalarView(underCaret)) == String(text.unicodeScalars.dropFirst(last.range.start.column - 1).prefix(3)))
    }

    @Test func tenThousandStatementsAreDecidedAndExplained() throws {
        let policy = try HostilePolicies.compile(HostilePolicies.manyStatements(10_000), side: .repository)
        let authorizer = Authorizer(identityPolicies: [], repositoryPolicy: policy, model: .aws)
        func request(_ user: Int, _ action: String) -> AuthorizationRequest {
            AuthorizationRequest(
                principal: PrincipalIdentity(HostilePolicies.user(user))!, action: action, resource: HostilePolicies.repositoryARN + "app")
        }
        #expect(authorizer.decide(request(9_999, "ecr:PutImage")).outcome == .allow)
        #expect(authorizer.decide(request(9_998, "ecr:PutImage")).outcome == .implicitDeny)
        #expect(authorizer.decide(request(10_000, "ecr:BatchGetImage")).outcome == .implicitDeny)
        let explanation = authorizer.explain(request(9_999, "ecr:PutImage"))
        #expect(explanation.decision.outcome == .allow)
        #expect(explanation.statements.count == 10_000)
        #expect(explanation.decision.matched.count == 1)
    }

    static let a = String(repeating: "a", count: 10_000)

    /// Patterns of about 10 KB against a 10 KB repository name, in the shapes that make a
    /// backtracking matcher slow: many stars, a long literal after one star, `?` between letters.
    static let globs: [(name: String, pattern: String, subject: String, matches: Bool)] = [
        ("`*a` 5,000 times vs a…ab", String(repeating: "*a", count: 5_000), a + "b", false),
        ("`*a` 5,000 times then `*b` vs a…ab", String(repeating: "*a", count: 5_000) + "*b", a + "b", true),
        ("one star then 5,000 a and b vs a…a", "*" + String(repeating: "a", count: 5_000) + "b", a, false),
        ("one star then 5,000 a vs a…a", "*" + String(repeating: "a", count: 5_000), a, true),
        ("`a?` 2,500 times after a star, then b, vs a…a", "*" + String(repeating: "a?", count: 2_500) + "b", a, false),
        ("9,999 `?` then `*b` vs a…ab", String(repeating: "?", count: 9_999) + "*b", a + "b", true),
        ("100 runs of 50 a between stars, then b, vs a…a", String(repeating: "*" + String(repeating: "a", count: 50), count: 100) + "b", a, false),
    ]

    @Test(arguments: globs.map(\.name))
    func tenKilobyteWildcardAgainstATenKilobyteARNIsDecided(_ name: String) throws {
        let glob = try #require(Self.globs.first { $0.name == name })
        #expect(WildcardPattern(glob.pattern, caseSensitive: true).matches(glob.subject) == glob.matches)
        #expect(WildcardPattern(glob.pattern.uppercased(), caseSensitive: false).matches(glob.subject) == glob.matches)

        let resource = HostilePolicies.repositoryARN + glob.subject
        let identity = try HostilePolicies.compile(HostilePolicies.identityPolicy(resource: HostilePolicies.repositoryARN + glob.pattern), side: .identity)
        let request = AuthorizationRequest(principal: PrincipalIdentity(HostilePolicies.user(1))!, action: "ecr:PutImage", resource: resource)
        let explanation = Authorizer(identityPolicies: [identity], repositoryPolicy: nil, model: .aws).explain(request)
        #expect(explanation.decision.outcome == (glob.matches ? .allow : .implicitDeny))
    }

    @Test func aTenKilobyteStringLikeConditionIsDecided() throws {
        let pattern = String(repeating: "*a", count: 5_000)
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:PutImage","Condition":{"StringLike":{"aws:PrincipalTag/team":"\#(pattern)"}}}]}"#
        let policy = try HostilePolicies.compile(text, side: .repository)
        let authorizer = Authorizer(identityPolicies: [], repositoryPolicy: policy, model: .aws)
        for (value, outcome) in [(Self.a + "b", Decision.Outcome.implicitDeny), (Self.a, .allow)] {
            let request = AuthorizationRequest(
                principal: PrincipalIdentity(HostilePolicies.user(1))!, action: "ecr:PutImage",
                resource: HostilePolicies.repositoryARN + "app", context: ["aws:PrincipalTag/team": [value]])
            #expect(authorizer.decide(request).outcome == outcome)
        }
    }
}

/// The linear segment search that takes over from backtracking gives the same answers.
@Suite struct WildcardSegmentSearchTests {
    @Test func agreesWithAPlainDynamicProgramOnRandomPatterns() {
        var random = SeededGenerator(seed: 0x5E65_0001)
        let patternAlphabet: [Character] = ["a", "b", "A", "*", "?", "*", "a", "é", ":"]
        let subjectAlphabet: [Character] = ["a", "b", "A", "B", "é", "É", ":", "*", "?"]
        var failures: [String] = []
        for round in 0..<4_000 {
            let pattern = String((0..<Int.random(in: 0...12, using: &random)).map { _ in patternAlphabet.randomElement(using: &random)! })
            let subject = String((0..<Int.random(in: 0...16, using: &random)).map { _ in subjectAlphabet.randomElement(using: &random)! })
            for caseSensitive in [true, false] {
                let expected = Self.reference(pattern, subject, caseSensitive: caseSensitive)
                let compiled = WildcardPattern(pattern, caseSensitive: caseSensitive)
                if compiled.matchesBySegments(subject) != expected || compiled.matches(subject) != expected {
                    failures.append("round \(round): `\(pattern)` vs `\(subject)` caseSensitive=\(caseSensitive)")
                }
            }
        }
        #expect(failures.count == 0, "\(failures.prefix(5))")
    }

    @Test func theBacktrackingShapesGiveTheSameAnswerThroughBothSearches() {
        for glob in OversizedPolicyTests.globs {
            let pattern = WildcardPattern(glob.pattern, caseSensitive: true)
            #expect(pattern.matchesBySegments(glob.subject) == glob.matches, "\(glob.name)")
        }
    }

    static func reference(_ pattern: String, _ subject: String, caseSensitive: Bool) -> Bool {
        let fold: (Unicode.Scalar) -> UInt32 = { caseSensitive ? $0.value : WildcardPattern.fold($0.value) }
        let p = Array(pattern.unicodeScalars)
        let s = Array(subject.unicodeScalars).map(fold)
        // matches[j]: the pattern so far matches the first j characters of the subject.
        var matches = [true] + [Bool](repeating: false, count: s.count)
        for unit in p {
            var next = [Bool](repeating: false, count: s.count + 1)
            for j in 0...s.count {
                if unit == "*" {
                    next[j] = matches[j] || (j > 0 && next[j - 1])
                } else if j > 0 {
                    next[j] = matches[j - 1] && (unit == "?" || fold(unit) == s[j - 1])
                }
            }
            matches = next
        }
        return matches[s.count]
    }
}
