import PolicyCore

/// The ECR action names lab files may use, read from PolicyCore's catalogue so the pack and the
/// engine can never disagree on what exists.
public enum ECRActionNames {
    /// Every catalogued action, `ecr:` prefix included.
    public static let all: [String] = ECRCatalog.actions.map(\.name)

    /// The catalogued spelling of a name, compared case-insensitively as IAM does.
    public static func canonical(_ name: String) -> String? { ECRCatalog.action(named: name)?.name }

    public static func isAccountScoped(_ name: String) -> Bool { ECRCatalog.action(named: name)?.scope == .account }
}
