/// Someone who makes requests in a task: an IAM user, a role session, an account, a service, or an
/// anonymous caller, with the identity policies attached to it and the extra request context it brings.
public struct PrincipalDefinition: Sendable, Hashable {
    public enum Identity: Sendable, Hashable {
        /// An ARN template with `{account}`/`{region}` placeholders: `arn:aws:iam::{account}:user/NAME`,
        /// `arn:aws:sts::{account}:assumed-role/ROLE/SESSION`, `arn:aws:iam::{account}:root`.
        case arn(String)
        /// A service principal such as `codebuild.amazonaws.com`. It has no identity policies: the
        /// repository policy alone decides for it.
        case service(String)
        /// A caller with no credentials at all.
        case anonymous
    }

    public var name: String
    public var about: String
    public var identity: Identity
    /// File names in `labs/identities/`, in the order they are attached.
    public var identityPolicies: [String]
    /// Request context keys beyond the ones AWS derives from the principal itself (`aws:PrincipalArn`,
    /// `aws:PrincipalAccount`, `aws:username`, ...), e.g. `aws:SourceArn` for a service. Values are templates.
    public var context: [ContextEntry]

    public struct ContextEntry: Sendable, Hashable {
        public var key: String
        public var values: [String]
    }

    /// The principal's ARN for this learner, nil for services and anonymous callers.
    public func arn(in environment: LabEnvironment) -> String? {
        if case .arn(let template) = identity { return environment.expand(template) }
        return nil
    }

    /// The context entries with their placeholders expanded.
    public func context(in environment: LabEnvironment) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for entry in context { result[entry.key] = entry.values.map(environment.expand) }
        return result
    }
}

/// A named set of ECR actions (`login`, `pull`, `push`, `delete`, `admin`), defined once in lab.yaml.
public struct ActionGroup: Sendable, Hashable {
    public var name: String
    public var about: String
    public var actions: [String]
}
