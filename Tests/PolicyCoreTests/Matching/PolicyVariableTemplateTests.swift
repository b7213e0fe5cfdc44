import Testing
@testable import PolicyCore

@Suite struct PolicyVariableTemplateTests {
    let context = RequestContext([
        "aws:username": ["alice"],
        "aws:PrincipalTag/team": ["platform"],
        "aws:TagKeys": ["a", "b"],
        "aws:weird": ["x*y?"],
    ])

    @Test func substitutesVariablesCaseInsensitively() {
        let t = PolicyVariableTemplate("arn:aws:ecr:us-east-1:1:repository/${AWS:UserName}/*")
        #expect(t.hasVariables)
        #expect(t.variableNames == ["AWS:UserName"])
        #expect(t.resolve(in: context) == "arn:aws:ecr:us-east-1:1:repository/alice/*")
    }

    @Test func defaultUsedWhenKeyMissingOrMultivalued() {
        #expect(PolicyVariableTemplate("${aws:PrincipalTag/dept, 'none'}").resolve(in: context) == "none")
        #expect(PolicyVariableTemplate("${aws:PrincipalTag/team, 'none'}").resolve(in: context) == "platform")
        #expect(PolicyVariableTemplate("${aws:TagKeys, 'many'}").resolve(in: context) == "many")
        #expect(PolicyVariableTemplate("${ aws:username ,'d'}").resolve(in: context) == "alice")
        #expect(PolicyVariableTemplate("${aws:x, 'it''s, {ok}'}").resolve(in: context) == "it's, {ok}")
        #expect(PolicyVariableTemplate("${aws:x, ''}").resolve(in: context) == "")
    }

    @Test func missingVariableWithoutDefaultResolvesToNil() {
        let t = PolicyVariableTemplate("home/${aws:PrincipalTag/dept}/*")
        #expect(t.resolve(in: context) == nil)
        #expect(t.resolveTokens(in: context) == nil)
        #expect(PolicyVariableTemplate("${aws:TagKeys}").resolve(in: context) == nil)
    }

    @Test func escapesAreLiteralCharacters() {
        let t = PolicyVariableTemplate("a${*}b${?}c${$}d")
        #expect(!t.hasVariables)
        #expect(t.resolve(in: context) == "a*b?c$d")
        let pattern = WildcardPattern(tokens: t.resolveTokens(in: context)!, caseSensitive: true)
        #expect(pattern.isLiteral)
        #expect(pattern.matches("a*b?c$d"))
        #expect(!pattern.matches("aXb?c$d"))
    }

    @Test func templateWildcardsStayWildcardsButSubstitutedTextIsLiteral() {
        let t = PolicyVariableTemplate("${aws:weird}/*")
        let pattern = WildcardPattern(tokens: t.resolveTokens(in: context)!, caseSensitive: true)
        #expect(pattern.matches("x*y?/anything"))
        #expect(!pattern.matches("xZZyQ/anything"))
    }

    @Test func substitutionIsOnePass() {
        let c = RequestContext(["aws:username": ["${aws:userid}"], "aws:userid": ["AID"]])
        #expect(PolicyVariableTemplate("${aws:username}").resolve(in: c) == "${aws:userid}")
        #expect(PolicyVariableTemplate("${aws:none, '${aws:userid}'}").resolve(in: c) == "${aws:userid}")
    }

    @Test func malformedVariablesAreLiteralAndReported() {
        let unclosed = PolicyVariableTemplate("repo/${aws:username")
        #expect(!unclosed.hasVariables)
        #expect(unclosed.resolve(in: context) == "repo/${aws:username")
        #expect(unclosed.issues.count == 1)
        #expect(unclosed.issues.first?.offset == 5)
        #expect(unclosed.issues.first?.message.contains("no closing") == true)

        let empty = PolicyVariableTemplate("a${}b")
        #expect(empty.resolve(in: context) == "a${}b")
        #expect(empty.issues.count == 1)

        let badDefault = PolicyVariableTemplate("${aws:username, none}")
        #expect(badDefault.issues.count == 1)
        #expect(badDefault.resolve(in: context) == "${aws:username, none}")

        let nested = PolicyVariableTemplate("${a${aws:username}")
        #expect(nested.resolve(in: context) == "${aalice")
        #expect(nested.issues.count == 1)
    }

    @Test func staticPatternOnlyWithoutVariables() throws {
        let escaped = try #require(PolicyVariableTemplate("arn:aws:s3:::b/${*}/*").staticPattern(caseSensitive: true))
        #expect(escaped.matches("arn:aws:s3:::b/*/x"))
        #expect(!escaped.matches("arn:aws:s3:::b/y/x"))
        #expect(PolicyVariableTemplate("arn:aws:s3:::b/${aws:username}").staticPattern(caseSensitive: true) == nil)
    }

    @Test func dollarWithoutBraceIsPlainText() {
        let t = PolicyVariableTemplate("cost$5 {x}")
        #expect(t.issues.isEmpty)
        #expect(t.segments == [.literal("cost$5 {x}")])
    }
}
