import PolicyCore
import Testing

/// A batch line that cannot be evaluated must say why in one line, never crash and never guess.
struct BatchCaseTests {
    static let request = #"{"principal": "arn:aws:iam::111122223333:user/dev", "action": "ecr:PutImage", "resource": "arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app"}"#

    static func failure(_ line: String) -> String? {
        if case .failure(let unusable) = BatchCase.parse(line: line) { return unusable.message }
        return nil
    }

    /// 1-based column of the first occurrence of `needle` in a one-line case (all ASCII here).
    static func column(of needle: String, in line: String) -> Int {
        line.distance(from: line.startIndex, to: line.range(of: needle)!.lowerBound) + 1
    }

    @Test func invalidRepositoryPolicyNamesThePolicyAndPosition() throws {
        let line = #"{"identityPolicies": [], "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "ecr:*", "Condition": {"NotIpAdress": {"aws:SourceIp": "10.0.0.0/8"}}}]}, "request": \#(Self.request)}"#
        let message = try #require(Self.failure(line))
        let column = Self.column(of: #""NotIpAdress""#, in: line)
        #expect(message.hasPrefix("invalid policy: resourcePolicy:1:\(column): "), "\(message)")
        #expect(message.contains("NotIpAdress"))
        #expect(!message.contains("\n"))
    }

    @Test func invalidIdentityPolicyNamesItsIndex() throws {
        let good = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}}"#
        let bad = #"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "ecr:*", "Resource": "*"}}"#
        let line = #"{"identityPolicies": [\#(good), \#(bad)], "resourcePolicy": null, "request": \#(Self.request)}"#
        let message = try #require(Self.failure(line))
        let column = Self.column(of: #""Principal""#, in: line)
        #expect(message.hasPrefix("invalid policy: identityPolicies[1]:1:\(column): "), "\(message)")
    }

    @Test(arguments: [
        (#"{"identityPolicies": []}"#, "the case has no `request`"),
        (#"{"request": {"principal": "dev", "action": "ecr:PutImage"}}"#, "`dev` is not a principal ARN"),
        (#"{"request": {"principal": 42, "action": "ecr:PutImage"}}"#, "`principal` in `request` has the wrong type"),
        (#"{"request": {"principal": "arn:aws:iam::111122223333:user/dev"}}"#, "`request` has no `action`"),
        (#"{"request": {"principal": "arn:aws:iam::111122223333:user/dev", "action": ""}}"#, "`request` has no `action`"),
        (#"{"request": {"action": "ecr:PutImage"}}"#, "`request` has no `principal`"),
        (#"{"request": {"principal": "anonymous", "action": "ecr:PutImage", "context": {"k": {"a": 1}}}}"#, "context key `k` must be"),
        (#"{"request": {"principal": "anonymous", "action": "ecr:PutImage", "context": {"k": [{"a": 1}]}}}"#, "context key `k` must be"),
        (#"{"request": {"principal": "anonymous", "action": "ecr:PutImage", "context": {"k": [["a"]]}}}"#, "context key `k` must be"),
        (#"{"request": "ecr:PutImage"}"#, "`request` must be an object"),
        (#"[1, 2]"#, "a case is a JSON object"),
        (#"{"identityPolicies": {}, "request": {}}"#, "`identityPolicies` must be a list"),
        (#"{"model": "both", "request": {}}"#, "`model` must be"),
        (#"{"identityPolicies": ["#, "line is not valid JSON"),
        ("", "line is not valid JSON"),
        ("null", "a case is a JSON object"),
    ])
    func badCasesAreRefusedWithAReason(line: String, expected: String) throws {
        let message = try #require(Self.failure(line), "`\(line)` must be refused")
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func defaultsAndPerCaseModel() throws {
        let policy = #"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/dev"}, "Action": "ecr:PutImage"}]}"#
        let line = #"{"identityPolicies": [], "resourcePolicy": \#(policy), "request": \#(Self.request), "model": "aws", "id": 7}"#
        let parsed = try BatchCase.parse(line: line).get()
        #expect(parsed.decide(defaultModel: .and).outcome == .allow, "the case's own model wins over the default")
        #expect(parsed.request.resourceAccount == "111122223333")

        let withoutModel = try BatchCase.parse(line: line.replacingOccurrences(of: #", "model": "aws""#, with: "")).get()
        #expect(withoutModel.decide(defaultModel: .and).outcome == .implicitDeny)
        #expect(withoutModel.decide(defaultModel: .aws).outcome == .allow)

        let login = try BatchCase.parse(line: #"{"request": {"principal": "arn:aws:iam::111122223333:user/dev", "action": "ecr:GetAuthorizationToken"}}"#).get()
        #expect(login.request.resource == "*")
        #expect(login.decide(defaultModel: .and).missing == [.identity])
    }

    @Test func contextValuesKeepTheirKinds() throws {
        let line = #"{"request": {"principal": "anonymous", "action": "ecr:BatchGetImage", "context": {"aws:SecureTransport": true, "aws:MultiFactorAuthAge": 30, "aws:TagKeys": ["a", "b"]}}}"#
        let parsed = try BatchCase.parse(line: line).get()
        #expect(parsed.request.context.values(for: "aws:securetransport") == ["true"])
        #expect(parsed.request.context.values(for: "aws:MultiFactorAuthAge") == ["30"])
        #expect(parsed.request.context.values(for: "aws:TagKeys") == ["a", "b"])
    }
}
