import Testing

@testable import PolicyCore

/// What the decoder builds from a valid policy, element by element.
@Suite("policy decoder: the model")
struct PolicyDecoderModelTests {
    static let sectionPolicy = Policy(
        version: Located("2008-10-17"),
        statements: [
            Statement(
                index: 0, sid: Located("AllowPushPullFromCICDUser"), effect: Located(.allow),
                principal: PrincipalElement(
                    entries: [PrincipalEntry(.aws, Located("arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"))]),
                action: ListElement(items: located(sectionActions)))
        ])

    @Test("the section's policy decodes to the expected model with no findings")
    func sectionPolicy() throws {
        let (policy, findings) = decode(sectionPolicyText)
        #expect(findings.isEmpty)
        let decoded = try #require(policy)
        #expect(decoded == Self.sectionPolicy)
        #expect(decoded.detectedKind == .repository)
        #expect(!decoded.substitutesVariables)
        #expect(decoded.statements.first?.name == "AllowPushPullFromCICDUser")
    }

    @Test("the decoded model keeps where each element was written")
    func sectionPolicyRanges() throws {
        let policy = try #require(decode(sectionPolicyText).policy)
        let statement = try #require(policy.statements.first)
        #expect(policy.range.start.place == "1:1")
        #expect(policy.version?.range.start.place == "2:14")
        #expect(statement.range.start.place == "4:5")
        #expect(statement.sid?.range.start.place == "5:14")
        #expect(statement.effect?.range.start.place == "6:17")
        #expect(statement.principal?.keyRange.start.place == "7:7")
        #expect(statement.principal?.entries.first?.value.range.start.place == "8:16")
        #expect(statement.action?.keyRange.start.place == "10:7")
        #expect(statement.action?.items.map(\.range.start.line) == Array(11...17))
        #expect(statement.action?.items.allSatisfy { $0.range.start.column == 9 } == true)
    }

    @Test("equality and hashing ignore ranges, but not values")
    func equalityIgnoresRanges() throws {
        let pretty = try #require(decode(sectionPolicyText).policy)
        let minified = sectionPolicyText.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
        let compact = try #require(decode(minified).policy)
        #expect(compact.statements.first?.effect?.range.start.line == 1)
        #expect(compact == pretty)
        #expect(compact.hashValue == pretty.hashValue)
        #expect(Set([compact, pretty]).count == 1)

        let moved = Located("x", at: SourceRange(start: .init(offset: 9, line: 3, column: 4), end: .init(offset: 10, line: 3, column: 5)))
        #expect(moved == Located("x"))
        #expect(moved != Located("y"))

        let denied = try #require(decode(sectionPolicyText.replacingOccurrences(of: "\"Allow\"", with: "\"Deny\"")).policy)
        #expect(denied != pretty)
        let otherAction = try #require(decode(sectionPolicyText.replacingOccurrences(of: "ecr:PutImage", with: "ecr:ListImages")).policy)
        #expect(otherAction != pretty)
    }

    @Test("Statement may be a single object instead of a list")
    func statementObject() throws {
        let text = #"{"Version": "2012-10-17", "Id": "p1", "Statement": {"Effect": "Deny", "Action": "ecr:*", "Resource": "*"}}"#
        let (policy, findings) = decode(text)
        #expect(findings.isEmpty)
        #expect(
            policy
                == Policy(
                    version: Located("2012-10-17"), id: Located("p1"),
                    statements: [
                        Statement(
                            index: 0, effect: Located(.deny), action: ListElement(items: located(["ecr:*"])),
                            resource: ListElement(items: located(["*"])))
                    ]))
        #expect(policy?.substitutesVariables == true)
        #expect(policy?.detectedKind == .identity)
    }

    @Test("statements in a list keep their order and index, and are named by Sid or place")
    func statementList() throws {
        let text = #"{"Statement": [{"Effect": "Allow", "Action": ["a"]}, {"Sid": "Two", "Effect": "Deny", "Action": "b"}]}"#
        let (policy, findings) = decode(text)
        #expect(findings.isEmpty)
        let statements = try #require(policy?.statements)
        #expect(statements.map(\.index) == [0, 1])
        #expect(statements.map(\.name) == ["statement 1", "Two"])
        #expect(statements.map { $0.action?.items.map(\.value) } == [["a"], ["b"]])
        #expect(policy?.version == nil)
    }

    @Test("a single string and a one-item list mean the same")
    func stringOrList() throws {
        let single = try #require(decode(statementPolicy(#""Effect": "Allow", "Action": "ecr:PutImage", "Resource": "*""#)).policy)
        let list = try #require(decode(statementPolicy(#""Effect": "Allow", "Action": ["ecr:PutImage"], "Resource": ["*"]"#)).policy)
        #expect(single == list)
        #expect(single.statements.first?.action?.items == [Located("ecr:PutImage")])
    }

    static let principals: [(String, [PrincipalEntry])] = [
        (#""*""#, [PrincipalEntry(.everyone, Located("*"))]),
        (#"{"AWS": "*"}"#, [PrincipalEntry(.aws, Located("*"))]),
        (#"{"AWS": "111122223333"}"#, [PrincipalEntry(.aws, Located("111122223333"))]),
        (
            #"{"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/ci"]}"#,
            [
                PrincipalEntry(.aws, Located("arn:aws:iam::111122223333:root")),
                PrincipalEntry(.aws, Located("arn:aws:iam::444455556666:role/ci")),
            ]
        ),
        (#"{"Service": "ecs-tasks.amazonaws.com"}"#, [PrincipalEntry(.service, Located("ecs-tasks.amazonaws.com"))]),
        (
            #"{"Federated": ["cognito-identity.amazonaws.com"]}"#,
            [PrincipalEntry(.federated, Located("cognito-identity.amazonaws.com"))]
        ),
        (#"{"CanonicalUser": "79a59df900b949e5"}"#, [PrincipalEntry(.canonicalUser, Located("79a59df900b949e5"))]),
        (
            #"{"AWS": "arn:aws:iam::111122223333:user/a", "Service": ["lambda.amazonaws.com", "codebuild.amazonaws.com"]}"#,
            [
                PrincipalEntry(.aws, Located("arn:aws:iam::111122223333:user/a")),
                PrincipalEntry(.service, Located("lambda.amazonaws.com")),
                PrincipalEntry(.service, Located("codebuild.amazonaws.com")),
            ]
        ),
    ]

    @Test("every form of Principal", arguments: principals)
    func principalForms(json: String, entries: [PrincipalEntry]) throws {
        let (policy, findings) = decode(statementPolicy(#""Effect": "Allow", "Principal": \#(json), "Action": "ecr:BatchGetImage""#))
        #expect(findings.isEmpty)
        let principal = try #require(policy?.statements.first?.principal)
        #expect(principal == PrincipalElement(entries: entries))
        #expect(!principal.isNegated)
        #expect(policy?.detectedKind == .repository)
    }

    @Test("NotPrincipal, NotAction and NotResource are negated elements")
    func negatedElements() throws {
        let text = statementPolicy(
            #""Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "NotAction": ["ecr:BatchGetImage"], "NotResource": "arn:aws:ecr:us-east-1:111122223333:repository/app""#
        )
        let (policy, findings) = decode(text)
        #expect(findings.isEmpty)
        let statement = try #require(policy?.statements.first)
        #expect(statement.principal == PrincipalElement(isNegated: true, entries: [PrincipalEntry(.aws, Located("arn:aws:iam::111122223333:role/admin"))]))
        #expect(statement.action == ListElement(isNegated: true, items: located(["ecr:BatchGetImage"])))
        #expect(statement.resource == ListElement(isNegated: true, items: located(["arn:aws:ecr:us-east-1:111122223333:repository/app"])))
        #expect(statement.action != ListElement(isNegated: false, items: located(["ecr:BatchGetImage"])))
    }

    @Test("a Condition with several operators and keys becomes one condition per key, values as text")
    func conditions() throws {
        let text = statementPolicy(
            """
            "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage",
                  "Condition": {
                    "StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3", "aws:SourceAccount": ["111122223333", "444455556666"]},
                    "NumericLessThan": {"aws:MultiFactorAuthAge": 3600, "ecr:Weight": [1.50, -2e3]},
                    "Bool": {"aws:SecureTransport": true, "aws:ViaAWSService": [false]},
                    "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["team*"]}
                  }
            """)
        let (policy, findings) = decode(text)
        #expect(findings.isEmpty)
        let conditions = try #require(policy?.statements.first?.conditions)
        #expect(
            conditions == [
                Condition(operatorName: Located("StringEquals"), key: Located("aws:PrincipalOrgID"), values: located(["o-a1b2c3"])),
                Condition(
                    operatorName: Located("StringEquals"), key: Located("aws:SourceAccount"),
                    values: located(["111122223333", "444455556666"])),
                Condition(operatorName: Located("NumericLessThan"), key: Located("aws:MultiFactorAuthAge"), values: located(["3600"])),
                Condition(operatorName: Located("NumericLessThan"), key: Located("ecr:Weight"), values: located(["1.50", "-2e3"])),
                Condition(operatorName: Located("Bool"), key: Located("aws:SecureTransport"), values: located(["true"])),
                Condition(operatorName: Located("Bool"), key: Located("aws:ViaAWSService"), values: located(["false"])),
                Condition(
                    operatorName: Located("ForAnyValue:StringLikeIfExists"), key: Located("aws:TagKeys"), values: located(["team*"])),
            ])
        #expect(conditions[4].operatorName.range.start.place == "8:9")
        #expect(conditions[4].key.range.start.place == "8:18")
        #expect(conditions[4].values.first?.range.start.place == "8:41")
    }

    @Test("a parsed policy joins reader and decoder findings and keeps its text")
    func parsedPolicy() {
        let text = "{\"Statement\": [], \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"a\"}}"
        let parsed = ParsedPolicy(name: "p.json", text: text)
        #expect(parsed.findings.map(\.code) == ["duplicate-key", "empty-statement"])
        #expect(parsed.policy?.statements.count == 1, "the later Statement wins, as in AWS")
        #expect(parsed.characterCount == text.count)
        #expect(ParsedPolicy(name: "p.json", text: "{\"é\": 1}").characterCount == 8)
        #expect(ParsedPolicy(name: "p.json", bytes: Array(sectionPolicyText.utf8)).policy == Self.sectionPolicy)
    }
}
