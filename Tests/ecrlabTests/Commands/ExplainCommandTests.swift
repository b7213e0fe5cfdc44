import Foundation
import PolicyCore
import Testing

/// `explain` with flags and `explain --batch` must decide the same cases the same way, since the
/// batch mode is how corpora are checked and the flags are how a person asks.
@Suite struct ExplainCommandTests {
    static let repository = "arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app"

    static let identity = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Login", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
          {"Sid": "PushPull", "Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage", "ecr:InitiateLayerUpload"], "Resource": "\(repository)"},
          {"Sid": "NoDelete", "Effect": "Deny", "Action": "ecr:Delete*", "Resource": "*"}]}
        """

    static let repositoryPolicy = """
        {"Version": "2008-10-17", "Statement": [
          {"Sid": "AllowPushPullFromCICDUser", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"},
           "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage", "ecr:DeleteRepository"]},
          {"Sid": "OfficeOnly", "Effect": "Deny", "Principal": "*", "Action": "ecr:*",
           "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}
        """

    struct Request: Sendable, CustomTestStringConvertible {
        var principal: String
        var action: String
        var resource: String
        var sourceIp: String
        var testDescription: String { "\(principal.split(separator: "/").last ?? "") \(action) from \(sourceIp)" }
    }

    static let requests: [Request] = {
        let principals = [
            "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user", "arn:aws:iam::111122223333:user/fcj-developer",
            "arn:aws:sts::444455556666:assumed-role/deployer/s1",
        ]
        var requests: [Request] = []
        for principal in principals {
            for action in ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:DeleteRepository", "ecr:GetAuthorizationToken"] {
                for ip in ["203.0.113.9", "192.0.2.1"] {
                    requests.append(
                        Request(
                            principal: principal, action: action,
                            resource: action == "ecr:GetAuthorizationToken" ? "*" : repository, sourceIp: ip))
                }
            }
        }
        return requests
    }()

    @Test(arguments: [EvaluationModel.and, .aws])
    func batchDecidesLikeTheFlags(model: EvaluationModel) throws {
        let workspace = try TemporaryWorkspace()
        _ = try workspace.write(Self.identity, to: "identity.json")
        _ = try workspace.write(Self.repositoryPolicy, to: "repository.json")
        func compact(_ text: String) -> String { text.split(separator: "\n").joined(separator: " ") }
        var lines: [String] = []
        for request in Self.requests {
            lines.append(
                #"{"identityPolicies": [\#(compact(Self.identity))], "resourcePolicy": \#(compact(Self.repositoryPolicy)), "request": {"principal": "\#(request.principal)", "action": "\#(request.action)", "resource": "\#(request.resource)", "context": {"aws:SourceIp": "\#(request.sourceIp)"}}}"#
            )
        }
        _ = try workspace.write(lines.joined(separator: "\n") + "\n", to: "cases.jsonl")
        let batch = try workspace.run(["explain", "--batch", "cases.jsonl", "--model", model.rawValue])
        #expect(batch.exitCode == 0, "\(batch.stderr)")
        let results = batch.stdout.split(separator: "\n").map(String.init)
        #expect(results.count == Self.requests.count)
        var outcomes: Set<String> = []
        for (request, line) in zip(Self.requests, results) {
            let single = try workspace.run([
                "explain", "--principal", request.principal, "--action", request.action, "--resource", request.resource,
                "--identity", "identity.json", "--repository-policy", "repository.json", "--context",
                "aws:SourceIp=\(request.sourceIp)", "--model", model.rawValue, "--format", "json",
            ])
            let batchDecision = try #require(Self.decision(in: line), "\(line)")
            let flagDecision = try #require(Self.decision(in: single.stdout), "\(single.stdout) \(single.stderr)")
            #expect(batchDecision == flagDecision, "\(request.testDescription)")
            #expect(single.exitCode == (flagDecision == "allow" ? 0 : 1))
            outcomes.insert(flagDecision)
        }
        #expect(outcomes == ["allow", "explicitDeny", "implicitDeny"], "the cases must exercise every outcome")
    }

    static func decision(in json: String) -> String? {
        guard let range = json.range(of: #""decision":""#) else { return nil }
        let rest = json[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    @Test func batchKeepsGoingAfterABadLineAndReadsStandardInput() throws {
        let good = #"{"identityPolicies": [], "resourcePolicy": null, "request": {"principal": "anonymous", "action": "ecr:BatchGetImage", "resource": "*"}}"#
        let result = try ECRLabExecutable.run(["explain", "--batch", "-"], stdin: "{not json\n\n\(good)\n[1]\n")
        #expect(result.exitCode == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3, "blank lines are not cases: \(result.stdout)")
        #expect(lines[0].hasPrefix(#"{"error":"#))
        #expect(lines[1].hasPrefix(#"{"decision":"implicitDeny""#))
        #expect(lines[2].hasPrefix(#"{"error":"#))
    }

    @Test func invalidPolicyIsReportedNotGuessed() throws {
        let workspace = try TemporaryWorkspace()
        _ = try workspace.write(
            #"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "ecr:*", "Condition": {"NotIpAdress": {"aws:SourceIp": "10.0.0.0/8"}}}]}"#,
            to: "repository.json")
        let result = try workspace.run([
            "explain", "--principal", "arn:aws:iam::111122223333:user/dev", "--action", "ecr:PutImage", "--resource",
            Self.repository, "--repository-policy", "repository.json",
        ])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("repository.json:1:"), "\(result.stderr)")
        #expect(result.stderr.contains("`NotIpAdress` is not a condition operator"), "\(result.stderr)")
    }
}
