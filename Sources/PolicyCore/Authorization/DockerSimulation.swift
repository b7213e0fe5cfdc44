/// The ECR API calls that `docker login` + `docker push`/`pull` make, in order (reference §5), each
/// decided like AWS would, stopping at the first refusal as docker does.
public struct DockerSimulation: Sendable {
    public enum Operation: String, Sendable, CaseIterable, Codable {
        case push
        case pull

        /// The calls after login. Push checks which layers exist, uploads the new ones, then writes
        /// the manifest; pull reads the manifest, then asks where to download each layer.
        public var actions: [String] {
            switch self {
            case .push:
                ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                 "ecr:CompleteLayerUpload", "ecr:PutImage"]
            case .pull: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
            }
        }
    }

    public struct Step: Sendable {
        public var action: String
        public var resource: String
        public var decision: Decision
        /// AWS's own refusal text when the call is refused.
        public var refusal: String?
    }

    public var steps: [Step]
    public var principal: PrincipalIdentity
    public var context: [String: [String]]
    public var succeeded: Bool { steps.allSatisfy { $0.decision.isAllowed } }

    /// Runs login then the operation's calls; the repository ARN gives the resource and its account.
    public init(
        _ operation: Operation, principal: PrincipalIdentity, repositoryARN: String, authorizer: Authorizer,
        context: [String: [String]] = [:]
    ) {
        self.principal = principal
        self.context = context
        var steps: [Step] = []
        let calls = [("ecr:GetAuthorizationToken", "*")] + operation.actions.map { ($0, repositoryARN) }
        let account = ARN(repositoryARN)?.account
        for (action, resource) in calls {
            let request = AuthorizationRequest(
                principal: principal, action: action, resource: resource, resourceAccount: account, context: context)
            let decision = authorizer.decide(request)
            let refusal = decision.isAllowed ? nil : AWSRefusal.message(for: request, decision: decision)
            steps.append(Step(action: action, resource: resource, decision: decision, refusal: refusal))
            if !decision.isAllowed { break }
        }
        self.steps = steps
    }
}

/// The text AWS returns with AccessDeniedException, so learners meet here the message they will
/// meet in a real account.
public enum AWSRefusal {
    public static func message(for request: AuthorizationRequest, decision: Decision) -> String {
        let head = "User: \(request.principal.arn) is not authorized to perform: \(request.action) on resource: \(request.resource)"
        switch decision.outcome {
        case .allow:
            return ""
        case .explicitDeny:
            let side = decision.matched.first { $0.effect == .deny }?.side ?? .identity
            return "\(head) with an explicit deny in \(side == .identity ? "an identity-based" : "a resource-based") policy"
        case .implicitDeny:
            if decision.missing.contains(.identity) {
                return "\(head) because no identity-based policy allows the \(request.action) action"
            }
            return "\(head) because no resource-based policy allows the \(request.action) action"
        }
    }
}
