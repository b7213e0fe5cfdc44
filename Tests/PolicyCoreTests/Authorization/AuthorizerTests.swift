import PolicyCore
import Testing

/// Decisions with their reasons, explanations, the docker simulation, principal parsing and batch
/// parsing. The outcomes themselves are covered rule by rule in the scenario corpus; these tests pin
/// down what surrounds an outcome.
struct AuthorizerTests {
    static let account = "111122223333"
    static let repository = "arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app"
    static let dev = PrincipalIdentity("arn:aws:iam::111122223333:user/dev")!

    static func compile(_ text: String, _ side: StatementReference.Side, name: String = "policy.json") throws -> CompiledPolicy {
        try CompiledPolicy.compile(name: name, text: text, side: side).get()
    }

    static func identity(_ actions: String, resource: String = repository) throws -> CompiledPolicy {
        try compile(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": \#(actions), "Resource": "\#(resource)"}]}"#, .identity, name: "identity.json")
    }

    /// Line 4 column 5 is the first statement, line 12 column 5 the second (written out so that the
    /// positions can be read off the text).
    static let repositoryText = """
        {
          "Version": "2008-10-17",
          "Statement": [
            {
              "Sid": "AllowPush",
              "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111122223333:user/dev"},
              "Action": ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:BatchCheckLayerAvailability"]
            },
            {
              "Effect": "Deny", "Principal": "*", "Action": "ecr:DeleteRepository"
            },
            {
              "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage",
              "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}
            }
          ]
        }
        """

    static func request(_ action: String, resource: String = repository, principal: PrincipalIdentity = dev,
                        context: [String: [String]] = [:]) -> AuthorizationRequest {
        AuthorizationRequest(principal: principal, action: action, resource: resource, context: context)
    }

    // MARK: reasons

    @Test func matchedStatementsCarryNamePositionAndEffect() throws {
        let repositoryPolicy = try Self.compile(Self.repositoryText, .repository, name: "repository.json")
        let authorizer = Authorizer(identityPolicies: try [Self.identity(#""ecr:*""#)], repositoryPolicy: repositoryPolicy)
        let allowed = authorizer.decide(Self.request("ecr:PutImage"))
        #expect(allowed.outcome == .allow)
        let repositoryReason = allowed.matched.first { $0.side == .repository }
        #expect(repositoryReason?.statementName == "AllowPush")
        #expect(repositoryReason?.policyName == "repository.json")
        #expect(repositoryReason.map { [$0.line, $0.column] } == [4, 5])
        #expect(repositoryReason?.effect == .allow)
        #expect(allowed.matched.contains { $0.side == .identity && $0.statementName == "statement 1" })

        let denied = authorizer.decide(Self.request("ecr:DeleteRepository"))
        #expect(denied.outcome == .explicitDeny)
        let denyReason = denied.matched.first { $0.effect == .deny }
        #expect(denyReason?.statementName == "statement 2")
        #expect(denyReason.map { [$0.line, $0.column] } == [10, 5])
        #expect(denied.missing.isEmpty)
    }

    @Test func implicitDenyNamesTheSideWithoutAnAllow() throws {
        let repositoryPolicy = try Self.compile(Self.repositoryText, .repository)
        let silentIdentity = try Self.identity(#""ecr:BatchGetImage""#)
        let pushIdentity = try Self.identity(#""ecr:*""#)

        let noIdentity = Authorizer(identityPolicies: [silentIdentity], repositoryPolicy: repositoryPolicy).decide(Self.request("ecr:PutImage"))
        #expect(noIdentity.outcome == .implicitDeny)
        #expect(noIdentity.missing == [.identity])

        let noRepository = Authorizer(identityPolicies: [pushIdentity], repositoryPolicy: repositoryPolicy).decide(Self.request("ecr:UploadLayerPart"))
        #expect(noRepository.missing == [.repository])

        let noPolicy = Authorizer(identityPolicies: [pushIdentity], repositoryPolicy: nil).decide(Self.request("ecr:PutImage"))
        #expect(noPolicy.missing == [.noRepositoryPolicy])

        let neither = Authorizer(identityPolicies: [silentIdentity], repositoryPolicy: repositoryPolicy).decide(Self.request("ecr:UploadLayerPart"))
        #expect(neither.missing == [.identity, .repository])

        let login = Authorizer(identityPolicies: [silentIdentity], repositoryPolicy: repositoryPolicy)
            .decide(Self.request("ecr:GetAuthorizationToken", resource: "*"))
        #expect(login.identityOnly)
        #expect(login.missing == [.identity], "an account-level action has no repository side")

        let service = PrincipalIdentity("codebuild.amazonaws.com")!
        let serviceDecision = Authorizer(identityPolicies: [pushIdentity], repositoryPolicy: nil)
            .decide(Self.request("ecr:BatchGetImage", principal: service))
        #expect(serviceDecision.missing == [.noRepositoryPolicy], "a service has no identity side to blame")
    }

    // MARK: explain

    @Test func explainSaysWhyEachStatementDidNotMatch() throws {
        let repositoryPolicy = try Self.compile(Self.repositoryText, .repository)
        let other = PrincipalIdentity("arn:aws:iam::111122223333:user/ops")!
        let explanation = Authorizer(identityPolicies: try [Self.identity(#""ecr:PutImage""#)], repositoryPolicy: repositoryPolicy)
            .explain(Self.request("ecr:BatchGetImage", principal: other, context: ["aws:SourceIp": ["192.0.2.1"]]))
        let results = explanation.statements.map(\.result)
        #expect(results == [.actionNotListed, .actionNotListed, .actionNotListed, .conditionFalse("IpAddress aws:SourceIp")])

        let push = Authorizer(identityPolicies: try [Self.identity(#""ecr:PutImage""#)], repositoryPolicy: repositoryPolicy)
            .explain(Self.request("ecr:PutImage", principal: other))
        #expect(push.statements.map(\.result) == [.matched, .principalNotListed, .actionNotListed, .actionNotListed])
    }

    @Test func explainMarksPoliciesThatTakeNoPart() throws {
        let repositoryPolicy = try Self.compile(Self.repositoryText, .repository)
        let login = Authorizer(identityPolicies: try [Self.identity(#""ecr:GetAuthorizationToken""#, resource: "*")], repositoryPolicy: repositoryPolicy)
            .explain(Self.request("ecr:GetAuthorizationToken", resource: "*"))
        #expect(login.decision.outcome == .allow)
        #expect(login.statements.filter { $0.statement.side == .repository }.allSatisfy { $0.result == .notConsulted })
        #expect(login.statements.first?.result == .matched)

        let anonymous = Authorizer(identityPolicies: try [Self.identity(#""ecr:*""#)], repositoryPolicy: repositoryPolicy)
            .explain(Self.request("ecr:BatchGetImage", principal: .anonymous, context: ["aws:SourceIp": ["10.1.1.1"]]))
        #expect(anonymous.decision.outcome == .allow)
        #expect(anonymous.statements.first?.result == .notConsulted, "anonymous callers have no identity policies")
    }

    @Test func explainGivesTheOtherModelsOutcome() throws {
        let repositoryPolicy = try Self.compile(Self.repositoryText, .repository)
        let request = Self.request("ecr:PutImage")
        let andModel = Authorizer(identityPolicies: [], repositoryPolicy: repositoryPolicy, model: .and).explain(request)
        #expect(andModel.decision.outcome == .implicitDeny)
        #expect(andModel.otherModel == .aws)
        #expect(andModel.otherModelOutcome == .allow)

        let awsModel = Authorizer(identityPolicies: [], repositoryPolicy: repositoryPolicy, model: .aws).explain(request)
        #expect(awsModel.decision.outcome == .allow)
        #expect(awsModel.otherModel == .and)
        #expect(awsModel.otherModelOutcome == .implicitDeny)
    }

    // MARK: docker

    @Test func pushStopsAtTheFirstRefusalWithAWSText() throws {
        let repositoryPolicy = try Self.compile(
            #"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/dev"}, "Action": "ecr:BatchCheckLayerAvailability"}]}"#,
            .repository)
        let identities = try [Self.identity(#""ecr:GetAuthorizationToken""#, resource: "*"), try Self.identity(#""ecr:*""#)]
        let authorizer = Authorizer(identityPolicies: identities, repositoryPolicy: repositoryPolicy)
        let push = DockerSimulation(.push, principal: Self.dev, repositoryARN: Self.repository, authorizer: authorizer)
        #expect(push.steps.map(\.action) == ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload"])
        #expect(push.steps.map(\.decision.outcome) == [.allow, .allow, .implicitDeny])
        #expect(!push.succeeded)
        #expect(push.steps.last?.refusal == "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app because no resource-based policy allows the ecr:InitiateLayerUpload action")
        #expect(push.steps.dropLast().allSatisfy { $0.refusal == nil })

        // The aws model lets the same-account identity allow carry the push through.
        let awsPush = DockerSimulation(
            .push, principal: Self.dev, repositoryARN: Self.repository,
            authorizer: Authorizer(identityPolicies: identities, repositoryPolicy: repositoryPolicy, model: .aws))
        #expect(awsPush.succeeded)
        #expect(awsPush.steps.count == 6)
    }

    @Test func loginRefusalAndExplicitDenyText() throws {
        let noLogin = DockerSimulation(
            .pull, principal: Self.dev, repositoryARN: Self.repository,
            authorizer: Authorizer(identityPolicies: try [Self.identity(#""ecr:BatchGetImage""#)], repositoryPolicy: nil))
        #expect(noLogin.steps.count == 1)
        #expect(noLogin.steps[0].refusal == "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action")

        let denyPull = try Self.compile(
            #"{"Version": "2012-10-17", "Statement": [{"Sid": "DenyPull", "Effect": "Deny", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}"#,
            .repository)
        let pull = DockerSimulation(
            .pull, principal: Self.dev, repositoryARN: Self.repository,
            authorizer: Authorizer(identityPolicies: try [Self.identity(#""ecr:*""#, resource: "*")], repositoryPolicy: denyPull))
        #expect(pull.steps.map(\.action) == ["ecr:GetAuthorizationToken", "ecr:BatchGetImage"])
        #expect(pull.steps.last?.refusal == "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:111122223333:repository/fcj-workshop-app with an explicit deny in a resource-based policy")
    }

    // MARK: principals

    @Test func principalIdentityParsesEveryForm() throws {
        let pathUser = try #require(PrincipalIdentity("arn:aws:iam::111122223333:user/division/dev"))
        #expect(pathUser.kind == .user)
        #expect(pathUser.name == "dev")
        #expect(pathUser.account == "111122223333")
        #expect(pathUser.globalContextKeys["aws:username"] == ["dev"])
        #expect(pathUser.globalContextKeys["aws:PrincipalType"] == ["User"])

        let session = try #require(PrincipalIdentity("arn:aws:sts::111122223333:assumed-role/ci/build-7"))
        #expect(session.kind == .roleSession)
        #expect(session.name == "ci")
        #expect(session.principalARN == "arn:aws:iam::111122223333:role/ci")
        #expect(session.globalContextKeys["aws:PrincipalArn"] == ["arn:aws:iam::111122223333:role/ci"])
        #expect(session.globalContextKeys["aws:username"] == nil, "aws:username exists only for IAM users")

        #expect(PrincipalIdentity("arn:aws:iam::111122223333:role/service-role/ci")?.kind == .role)
        #expect(PrincipalIdentity("arn:aws:iam::111122223333:root")?.kind == .accountRoot)
        #expect(PrincipalIdentity("codebuild.amazonaws.com")?.kind == .service)
        #expect(PrincipalIdentity("codebuild.amazonaws.com")?.hasIdentityPolicies == false)
        #expect(PrincipalIdentity("anonymous")?.kind == .anonymous)
        #expect(PrincipalIdentity("  arn:aws:iam::111122223333:user/dev ")?.arn == "arn:aws:iam::111122223333:user/dev")

        for bad in ["dev", "arn:aws:iam::12345:user/dev", "arn:aws:s3:::bucket", "arn:aws:sts::111122223333:assumed-role/ci",
                    "arn:aws:iam::111122223333:user/", "arn:aws:iam:us-east-1:111122223333:user/dev", "", "code build.amazonaws.com"] {
            #expect(PrincipalIdentity(bad) == nil, "`\(bad)` is not a principal")
        }
    }

    @Test func principalsOfOtherAccountsAreNotSameAccount() throws {
        let crossAccount = Self.request("ecr:PutImage", principal: PrincipalIdentity("arn:aws:iam::444455556666:user/dev")!)
        #expect(!crossAccount.isSameAccount)
        #expect(Self.request("ecr:PutImage").isSameAccount)
        #expect(!Self.request("ecr:PutImage", principal: .anonymous).isSameAccount)
        #expect(Self.request("ecr:PutImage").resourceAccount == Self.account)
    }
}

/// Advice never sends a learner to a statement about someone else.
@Suite struct RefusalAdviceTests {
    @Test func aStatementForAnotherPrincipalIsNotWhereToAddTheAction() throws {
        let repository = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "DeveloperPull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/dev"}, "Action": "ecr:BatchGetImage"},
              {"Sid": "CIPull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/ci"}, "Action": "ecr:BatchGetImage"}]}
            """
        let policy = try CompiledPolicy.compile(name: "repo.json", text: repository, side: .repository).get()
        let authorizer = Authorizer(identityPolicies: [], repositoryPolicy: policy)
        let request = AuthorizationRequest(
            principal: PrincipalIdentity("arn:aws:iam::111122223333:user/ci")!, action: "ecr:PutImage",
            resource: "arn:aws:ecr:us-east-1:111122223333:repository/app")
        let advice = try #require(RefusalAdvice.advice(for: authorizer.explain(request), action: "ecr:PutImage"))
        #expect(advice.contains("`CIPull`"), "\(advice)")
        #expect(!advice.contains("`DeveloperPull`"), "\(advice)")
    }
}
