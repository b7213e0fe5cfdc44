/// What one ECR action is: how AWS classes it and where it can be granted.
public struct ECRAction: Hashable, Sendable {
    public enum Scope: String, Hashable, Sendable, Codable {
        /// Grantable in a repository policy; the resource is a repository ARN.
        case repository
        /// Resource `"*"` only, identity policies only; a repository policy cannot mention it.
        case account
    }

    /// As AWS spells it, `ecr:PutImage`.
    public var name: String
    public var accessLevel: String
    public var scope: Scope
    /// False for IAM-only permissions that have no API operation of the same name.
    public var isAPIOperation: Bool
    public var conditionKeys: [String]

    /// `PutImage`, without the service prefix.
    public var shortName: String { String(name.dropFirst(4)) }
}

/// The catalogue of ECR actions, from the ECR service model and the Service Authorization Reference.
public enum ECRCatalog {
    public static let actions: [ECRAction] = parse(table)

    /// Lower-cased name → action; IAM compares action names case-insensitively.
    public static let byLowercasedName: [String: ECRAction] = Dictionary(
        uniqueKeysWithValues: actions.map { ($0.name.lowercased(), $0) })

    public static func action(named name: String) -> ECRAction? { byLowercasedName[name.lowercased()] }

    public static var repositoryActions: [ECRAction] { actions.filter { $0.scope == .repository } }

    static func parse(_ table: String) -> [ECRAction] {
        table.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 5, let scope = ECRAction.Scope(rawValue: columns[2]) else { return nil }
            let keys = columns[4] == "-" ? [] : columns[4].split(separator: ",").map(String.init)
            return ECRAction(
                name: columns[0], accessLevel: columns[1], scope: scope, isAPIOperation: columns[3] == "api",
                conditionKeys: keys)
        }
    }
}
