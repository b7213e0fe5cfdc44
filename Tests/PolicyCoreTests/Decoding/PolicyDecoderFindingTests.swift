import Testing

@testable import PolicyCore

/// Where `needle` starts in `text` (its `occurrence`-th match), as `line:column` counted in
/// Unicode scalars: an oracle independent of the reader.
func place(of needle: String, in text: String, occurrence: Int = 1) -> String {
    let scalars = text.unicodeScalars
    var (seen, line, column) = (0, 1, 1)
    var index = scalars.startIndex
    while index < scalars.endIndex {
        if scalars[index...].starts(with: needle.unicodeScalars) {
            seen += 1
            if seen == occurrence { return "\(line):\(column)" }
        }
        if scalars[index] == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        index = scalars.index(after: index)
    }
    return "`\(needle)` not found"
}

/// Where the text right after `before` starts, on the same line.
func place(after before: String, in text: String) -> String {
    let start = place(of: before, in: text)
    let parts = start.split(separator: ":")
    guard parts.count == 2, let line = Int(parts[0]), let column = Int(parts[1]) else { return start }
    return "\(line):\(column + before.unicodeScalars.count)"
}

/// Each structural problem has its own code, at the exact place a learner must look.
@Suite("policy decoder: findings")
struct PolicyDecoderFindingTests {
    /// Decodes `text` and checks the findings, as `code@line:column`, in order; returns them.
    @discardableResult
    func findings(
        _ text: String, _ expected: [String], message: String? = nil, help: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [Finding] {
        let found = decode(text, sourceLocation: sourceLocation).findings
        #expect(found.map { "\($0.code)@\($0.place)" } == expected, sourceLocation: sourceLocation)
        #expect(found.allSatisfy { $0.severity == .error }, sourceLocation: sourceLocation)
        if let message { #expect(found.first?.message == message, sourceLocation: sourceLocation) }
        if let help { #expect(found.first?.help == help, sourceLocation: sourceLocation) }
        return found
    }

    /// A one-statement policy and the place of `needle` in it.
    func statement(_ members: String, at needle: String, occurrence: Int = 1) -> (text: String, place: String) {
        let text = statementPolicy(members)
        return (text, place(of: needle, in: text, occurrence: occurrence))
    }

    static let statementStart = "4:5"

    @Test("unknown-key at the top, with did-you-mean; the missing Statement is reported too")
    func unknownTopLevelKey() {
        findings(
            #"{"Version": "2012-10-17", "Statment": []}"#, ["unknown-key@1:27", "missing-statement@1:1"],
            message: "`Statment` is not a valid key at the top of a policy",
            help: "did you mean `Statement`? (keys are case-sensitive)")
        findings(#"{"version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "a"}}"#, ["unknown-key@1:2"],
            help: "did you mean `Version`? (keys are case-sensitive)")
        findings(#"{"Colour": 1, "Statement": {"Effect": "Allow", "Action": "a"}}"#, ["unknown-key@1:2"],
            help: "valid keys are `Version`, `Id`, `Statement`")
    }

    @Test("unknown-key in a statement, with did-you-mean")
    func unknownStatementKey() {
        let (typo, typoPlace) = statement(#""Efect": "Allow", "Action": "a""#, at: #""Efect""#)
        findings(typo, ["unknown-key@\(typoPlace)", "missing-effect@\(Self.statementStart)"],
            message: "`Efect` is not a valid key in a statement", help: "did you mean `Effect`? (keys are case-sensitive)")
        let (lower, lowerPlace) = statement(#""Effect": "Allow", "action": "a""#, at: #""action""#)
        findings(lower, ["unknown-key@\(lowerPlace)", "missing-action@\(Self.statementStart)"],
            help: "did you mean `Action`? (keys are case-sensitive)")
        let (plural, pluralPlace) = statement(#""Effect": "Allow", "Actions": ["a"]"#, at: #""Actions""#)
        findings(plural, ["unknown-key@\(pluralPlace)", "missing-action@\(Self.statementStart)"])
    }

    @Test("missing-statement at the policy's first character")
    func missingStatement() {
        findings(#"{"Version": "2012-10-17"}"#, ["missing-statement@1:1"], message: "the policy has no `Statement`")
        findings("\n\n  {\"Id\": \"x\"}", ["missing-statement@3:3"])
        findings("{}", ["missing-statement@1:1"])
    }

    @Test("missing-effect and missing-action at the statement's first character, naming it")
    func missingEffectAndAction() {
        findings(statementPolicy(#""Action": "a""#), ["missing-effect@4:5"], message: "statement 1 has no `Effect`")
        findings(statementPolicy(#""Sid": "Pull", "Effect": "Allow""#), ["missing-action@4:5"], message: "Pull has no `Action`")
        findings(statementPolicy(""), ["missing-effect@4:5", "missing-action@4:5"])
        findings(statementPolicy(#""Effect": "Deny", "NotAction": "a""#), [])
        let second = #"{"Statement": [{"Effect": "Allow", "Action": "a"}, {"Effect": "Allow"}]}"#
        findings(second, ["missing-action@1:52"], message: "statement 2 has no `Action`")
    }

    @Test("invalid-version at the value")
    func invalidVersion() {
        findings(
            #"{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "a"}}"#, ["invalid-version@1:13"],
            message: "`2012-10-18` is not a policy language version",
            help: "use `\"Version\": \"2012-10-17\"` (or `2008-10-17`, the legacy version)")
        findings(#"{"Version": "", "Statement": {"Effect": "Allow", "Action": "a"}}"#, ["invalid-version@1:13"])
        findings(#"{"Version": 2012, "Statement": {"Effect": "Allow", "Action": "a"}}"#, ["invalid-type@1:13"],
            message: "`Version` must be a string, not a number")
    }

    @Test(
        "invalid-effect at the value, suggesting the right case",
        arguments: [
            ("allow", "Effect is case-sensitive: write `\"Allow\"`"),
            ("ALLOW", "Effect is case-sensitive: write `\"Allow\"`"),
            ("deny", "Effect is case-sensitive: write `\"Deny\"`"),
            ("Permit", "write `\"Allow\"` or `\"Deny\"`"),
            ("", "write `\"Allow\"` or `\"Deny\"`"),
        ])
    func invalidEffect(value: String, help: String) {
        let (text, at) = statement(#""Effect": "\#(value)", "Action": "a""#, at: #""\#(value)""#)
        let found = findings(text, ["invalid-effect@\(at)"], message: "`\(value)` is not an Effect", help: help)
        #expect(found.first?.range.end.offset == found.first.map { $0.range.start.offset + value.utf8.count + 2 })
    }

    @Test(
        "conflicting-elements at the second key of the pair",
        arguments: [
            (#""Action": "a", "NotAction": "b""#, "NotAction", "Action"),
            (#""NotAction": "b", "Action": "a""#, "Action", "NotAction"),
            (#""Action": "a", "Resource": "*", "NotResource": "x""#, "NotResource", "Resource"),
            (#""Action": "a", "Principal": "*", "NotPrincipal": {"AWS": "x"}"#, "NotPrincipal", "Principal"),
        ])
    func conflictingElements(members: String, later: String, earlier: String) {
        let (text, at) = statement(#""Effect": "Allow", \#(members)"#, at: "\"\(later)\"")
        findings(text, ["conflicting-elements@\(at)"], message: "a statement cannot have both `\(earlier)` and `\(later)`")
    }

    @Test("a repeated key is a duplicate, not a conflict")
    func repeatedKeyIsNotConflict() {
        let (text, at) = statement(#""Effect": "Allow", "Action": "a", "Action": "b""#, at: #""Action""#, occurrence: 2)
        findings(text, ["duplicate-key@\(at)"])
    }

    @Test("invalid-type for each element given the wrong kind of value")
    func invalidTypes() {
        findings(#"{"Statement": "x"}"#, ["invalid-type@1:15"],
            message: "`Statement` must be an object or a list of objects, not a string")
        findings(#"{"Statement": ["x", {"Effect": "Allow", "Action": "a"}, 3]}"#, ["invalid-type@1:16", "invalid-type@1:57"],
            message: "statement 1 must be an object, not a string")
        findings(#"{"Id": 1, "Statement": {"Effect": "Allow", "Action": "a"}}"#, ["invalid-type@1:8"],
            message: "`Id` must be a string, not a number")

        // Each case names the text just before the offending value.
        let cases: [(String, String, String)] = [
            (#""Sid": 1, "Effect": "Allow", "Action": "a""#, #""Sid": "#, "`Sid` must be a string, not a number"),
            (#""Effect": true, "Action": "a""#, #""Effect": "#, "`Effect` must be a string, not a boolean"),
            (#""Effect": "Allow", "Action": {}"#, #""Action": "#, "`Action` must be a string or a list of strings, not an object"),
            (#""Effect": "Allow", "Action": ["a", 1]"#, #"["a", "#, "the items of `Action` must be strings, not a number"),
            (
                #""Effect": "Allow", "Action": "a", "Resource": null"#, #""Resource": "#,
                "`Resource` must be a string or a list of strings, not null"
            ),
            (
                #""Effect": "Allow", "Action": "a", "Principal": 5"#, #""Principal": "#,
                "`Principal` must be `\"*\"` or an object, not a number"
            ),
            (
                #""Effect": "Allow", "Action": "a", "Principal": {"AWS": 5}"#, #"{"AWS": "#,
                "`AWS` must be a string or a list of strings, not a number"
            ),
            (#""Effect": "Allow", "Action": "a", "Condition": []"#, #""Condition": "#, "`Condition` must be an object, not a list"),
            (
                #""Effect": "Allow", "Action": "a", "Condition": {"StringEquals": "x"}"#, #"{"StringEquals": "#,
                "the value of `StringEquals` must be an object of condition keys, not a string"
            ),
            (
                #""Effect": "Allow", "Action": "a", "Condition": {"Null": {"aws:x": null}}"#, #"{"aws:x": "#,
                "a value of condition key `aws:x` must be a string, number or boolean, not null"
            ),
            (
                #""Effect": "Allow", "Action": "a", "Condition": {"StringLike": {"aws:x": ["a", {}]}}"#, #"["a", "#,
                "a value of condition key `aws:x` must be a string, number or boolean, not an object"
            ),
        ]
        for (members, before, message) in cases {
            let text = statementPolicy(members)
            findings(text, ["invalid-type@\(place(after: before, in: text))"], message: message)
        }
    }

    @Test("invalid-principal for a bare string, an empty object and an unknown kind")
    func invalidPrincipal() {
        let arn = "arn:aws:iam::111122223333:root"
        let (bare, barePlace) = statement(#""Effect": "Allow", "Action": "a", "Principal": "\#(arn)""#, at: "\"\(arn)\"")
        findings(bare, ["invalid-principal@\(barePlace)"],
            message: "`Principal` must be `\"*\"` or an object, not the string `\(arn)`",
            help: "write `\"Principal\": { \"AWS\": \"\(arn)\" }`")
        let (empty, emptyPlace) = statement(#""Effect": "Allow", "Action": "a", "NotPrincipal": {}"#, at: "{}")
        findings(empty, ["invalid-principal@\(emptyPlace)"], message: "`NotPrincipal` names nobody")
        let (aws, awsPlace) = statement(#""Effect": "Allow", "Action": "a", "Principal": {"Aws": "x"}"#, at: #""Aws""#)
        findings(aws, ["invalid-principal@\(awsPlace)"], message: "`Aws` is not a kind of principal", help: "did you mean `AWS`?")
        let (service, servicePlace) = statement(#""Effect": "Allow", "Action": "a", "Principal": {"Services": "x"}"#, at: #""Services""#)
        findings(service, ["invalid-principal@\(servicePlace)"], help: "did you mean `Service`?")
        let (star, starPlace) = statement(#""Effect": "Allow", "Action": "a", "Principal": {"*": "*"}"#, at: #""*""#)
        findings(star, ["invalid-principal@\(starPlace)"], help: "use `AWS`, `Service`, `Federated` or `CanonicalUser`")
    }

    @Test("empty-list for actions, resources, principals and condition values; empty-statement")
    func emptyLists() {
        let (action, actionPlace) = statement(#""Effect": "Allow", "Action": []"#, at: "[]")
        findings(action, ["empty-list@\(actionPlace)"], message: "`Action` is an empty list",
            help: "list at least one value, or remove `Action`")
        let (principal, principalPlace) = statement(#""Effect": "Allow", "Action": "a", "Principal": {"AWS": []}"#, at: "[]")
        findings(principal, ["empty-list@\(principalPlace)"], message: "`AWS` is an empty list")
        let (condition, conditionPlace) = statement(
            #""Effect": "Allow", "Action": "a", "Condition": {"StringEquals": {"aws:SourceAccount": []}}"#, at: "[]")
        findings(condition, ["empty-list@\(conditionPlace)"], message: "condition key `aws:SourceAccount` has no values")
        findings(#"{"Version": "2012-10-17", "Statement": []}"#, ["empty-statement@1:40"], message: "`Statement` is an empty list")
    }

    @Test("not-a-policy for a root that is not an object", arguments: [("[]", "a list"), ("\"x\"", "a string"), (" null", "null"), ("42", "a number")])
    func notAPolicy(json: String, kind: String) {
        let found = findings(json, ["not-a-policy@\(place(of: String(json.drop { $0 == " " }), in: json))"])
        #expect(found.first?.message == "a policy is a JSON object, but this file holds \(kind)")
        #expect(decode(json).policy == nil)
    }

    @Test("empty-file through a parsed policy, with no model")
    func emptyFile() {
        let parsed = ParsedPolicy(name: "p.json", text: "")
        #expect(parsed.policy == nil)
        #expect(parsed.findings.map { "\($0.code)@\($0.place)" } == ["empty-file@1:1"])
        #expect(ParsedPolicy(name: "p.json", bytes: []).findings.map(\.code) == ["empty-file"])
    }

    @Test("every problem in a policy is reported in one pass, in source order")
    func keepsGoing() {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "One", "Effect": "allow", "Action": [], "Principal": {"Aws": "x"}},
                {"Sid": "Two", "Effekt": "Deny", "Action": "a", "NotAction": "b", "Condition": {"Bool": []}},
                "three"
              ]
            }
            """
        let found = decode(text).findings
        #expect(
            found.map(\.code) == [
                "invalid-effect", "empty-list", "invalid-principal",
                "unknown-key", "conflicting-elements", "invalid-type", "missing-effect",
                "invalid-type",
            ])
        #expect(found.map(\.range.start.line) == [4, 4, 4, 5, 5, 5, 5, 6])
    }
}
