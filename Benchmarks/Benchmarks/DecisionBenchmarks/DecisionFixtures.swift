import PolicyCore

/// Policies and requests for the decision benchmarks, built once before timing starts.
enum DecisionFixtures {
    static let account = "111122223333"
    static let repository = "arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app"
    static let ciUser = "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"
    static let sevenActions = [
        "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:PutImage",
        "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
    ]

    static func compile(_ text: String, side: StatementReference.Side) -> CompiledPolicy {
        switch CompiledPolicy.compile(name: "bench.json", text: text, side: side) {
        case .success(let policy): return policy
        case .failure(let invalid): fatalError("benchmark policy is invalid: \(invalid.summary)")
        }
    }

    static func quoted(_ actions: [String]) -> String { actions.map { "\"\($0)\"" }.joined(separator: ", ") }

    static func sectionAuthorizer() -> Authorizer {
        let repositoryPolicy = """
            {"Version": "2008-10-17", "Statement": [{"Sid": "AllowPushPullFromCICDUser", "Effect": "Allow",
             "Principal": {"AWS": "\(ciUser)"}, "Action": [\(quoted(sevenActions))]}]}
            """
        let identity = """
            {"Version": "2012-10-17", "Statement": [
             {"Sid": "Login", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
             {"Sid": "PushPull", "Effect": "Allow", "Action": [\(quoted(sevenActions))], "Resource": "\(repository)"}]}
            """
        return Authorizer(
            identityPolicies: [compile(identity, side: .identity)],
            repositoryPolicy: compile(repositoryPolicy, side: .repository))
    }

    static func ciRequest(action: String) -> AuthorizationRequest {
        AuthorizationRequest(principal: PrincipalIdentity(ciUser)!, action: action, resource: repository)
    }

    /// 50 statements, each naming another role with a source-IP and an account condition; the
    /// request matches only the last, so every statement is tested.
    static func largeAuthorizer() -> Authorizer {
        var statements: [String] = []
        for index in 0..<50 {
            statements.append(
                #"{"Sid":"T\#(index)","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(account):role/t\#(index)"},"#
                    + #""Action":["ecr:BatchGetImage","ecr:Put*"],"Condition":{"IpAddress":{"aws:SourceIp":"10.\#(index).0.0/16"}}}"#)
        }
        var text = "{\"Version\": \"2012-10-17\", \"Statement\": [\(statements.joined(separator: ","))]}"
        if text.count < 10_240 {
            text = "{\"Id\": \"\(String(repeating: "x", count: 10_240 - text.count - 10))\", "
                + text.dropFirst()
        }
        precondition(text.count == 10_240, "policy is \(text.count) characters")
        let identity = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}]}
            """
        return Authorizer(
            identityPolicies: [compile(identity, side: .identity)], repositoryPolicy: compile(text, side: .repository))
    }

    static func largeRequest() -> AuthorizationRequest {
        AuthorizationRequest(
            principal: PrincipalIdentity("arn:aws:sts::\(account):assumed-role/t49/build")!, action: "ecr:PutImage",
            resource: repository, context: ["aws:SourceIp": ["10.49.3.7"]])
    }
}
