import Testing
@testable import PolicyCore

@Suite struct WildcardPatternTests {
    @Test func starCrossesColonAndSlash() {
        let p = WildcardPattern("arn:aws:ecr:*:123456789012:repository/*", caseSensitive: true)
        #expect(p.matches("arn:aws:ecr:us-east-1:123456789012:repository/team/app"))
        #expect(WildcardPattern("arn:*", caseSensitive: true).matches("arn:aws:ecr:eu-west-1:1:repository/x"))
        #expect(!p.matches("arn:aws:ecr:us-east-1:999999999999:repository/app"))
    }

    @Test func questionMarkIsExactlyOneCharacter() {
        let p = WildcardPattern("ecr:Get?", caseSensitive: false)
        #expect(p.matches("ecr:GetX"))
        #expect(!p.matches("ecr:Get"))
        #expect(!p.matches("ecr:GetXY"))
        #expect(WildcardPattern("a?c", caseSensitive: true).matches("aéc"))
    }

    @Test func regexMetacharactersAreLiteral() {
        let p = WildcardPattern("repo.name+(x)[y]^$|\\", caseSensitive: true)
        #expect(p.isLiteral)
        #expect(p.matches("repo.name+(x)[y]^$|\\"))
        #expect(!p.matches("repoXname+(x)[y]^$|\\"))
        #expect(!WildcardPattern("a.c", caseSensitive: true).matches("abc"))
    }

    @Test func caseModes() {
        #expect(WildcardPattern("ecr:batch*", caseSensitive: false).matches("ECR:BatchGetImage"))
        #expect(!WildcardPattern("ecr:batch*", caseSensitive: true).matches("ecr:BatchGetImage"))
        #expect(!WildcardPattern("Repository/App", caseSensitive: true).matches("repository/app"))
        #expect(WildcardPattern("ÉCOLE", caseSensitive: false).matches("école"))
    }

    @Test func emptyPatternAndSubject() {
        #expect(WildcardPattern("", caseSensitive: true).matches(""))
        #expect(!WildcardPattern("", caseSensitive: true).matches("a"))
        #expect(WildcardPattern("*", caseSensitive: true).matches(""))
        #expect(WildcardPattern("**", caseSensitive: true).matches("anything"))
        #expect(!WildcardPattern("?", caseSensitive: true).matches(""))
    }

    @Test func tokensKeepLiteralWildcardCharacters() {
        let p = WildcardPattern(tokens: [.literal("a*b?"), .anyRun], caseSensitive: true)
        #expect(!p.isLiteral)
        #expect(p.matches("a*b?tail"))
        #expect(!p.matches("aXXb?tail"))
        #expect(!p.matches("a*bZtail"))
        let literal = WildcardPattern(tokens: [.literal("x*")], caseSensitive: true)
        #expect(literal.isLiteral)
        #expect(literal.matches("x*"))
        #expect(!literal.matches("xy"))
    }

    @Test func manyStarsAgainstLongSubjectFail() {
        let pattern = String(repeating: "a*", count: 400) + "b"
        let subject = String(repeating: "a", count: 5_000)
        #expect(!WildcardPattern(pattern, caseSensitive: true).matches(subject))
        #expect(WildcardPattern(pattern, caseSensitive: true).matches(subject + "b"))
    }

    /// Agrees with a plain recursive matcher on random patterns and subjects.
    @Test func agreesWithReferenceMatcher() {
        var random = SplitMix64(seed: 0x1A2B_3C4D)
        let patternAlphabet: [Character] = ["a", "b", "A", "*", "?", ":", "/", ".", "+", "(", "é"]
        let subjectAlphabet: [Character] = ["a", "b", "A", "B", ":", "/", ".", "+", "(", "*", "?", "é", "É"]
        for iteration in 0..<5_000 {
            let pattern = String((0..<random.next(upTo: 9)).map { _ in patternAlphabet[random.next(upTo: patternAlphabet.count)] })
            let subject = String((0..<random.next(upTo: 11)).map { _ in subjectAlphabet[random.next(upTo: subjectAlphabet.count)] })
            for caseSensitive in [true, false] {
                let expected = referenceMatch(Array(pattern.unicodeScalars), Array(subject.unicodeScalars), caseSensitive)
                let actual = WildcardPattern(pattern, caseSensitive: caseSensitive).matches(subject)
                #expect(actual == expected, "iteration \(iteration): `\(pattern)` vs `\(subject)` caseSensitive=\(caseSensitive)")
            }
        }
    }

    private func referenceMatch(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar], _ caseSensitive: Bool) -> Bool {
        func same(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
            caseSensitive ? a == b : String(a).lowercased() == String(b).lowercased()
        }
        func go(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == s.count }
            if p[i] == "*" { return go(i + 1, j) || (j < s.count && go(i, j + 1)) }
            guard j < s.count else { return false }
            if p[i] == "?" || same(p[i], s[j]) { return go(i + 1, j + 1) }
            return false
        }
        return go(0, 0)
    }
}

/// Deterministic generator so that a failing case reproduces.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
