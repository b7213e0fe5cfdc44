/// What a lint run may be tuned with. The defaults are ECR's own rules.
public struct LintOptions: Hashable, Sendable {
    /// ECR's SetRepositoryPolicy refuses policy text longer than this many characters.
    public var repositoryPolicyCharacterLimit: Int
    /// Codes to leave out of the report (a lab may tolerate, say, `missing-version`).
    public var disabledCodes: Set<String>

    public init(repositoryPolicyCharacterLimit: Int = 10_240, disabledCodes: Set<String> = []) {
        self.repositoryPolicyCharacterLimit = repositoryPolicyCharacterLimit
        self.disabledCodes = disabledCodes
    }
}

/// Everything the linter found in one policy file, in source order.
public struct LintReport: Hashable, Sendable {
    public var name: String
    /// The kind the rules were applied for: the one asked for, or the one the policy looks like.
    public var kind: PolicyKind
    /// Reader, decoder and lint findings together, sorted by position.
    public var findings: [Finding]

    public init(name: String, kind: PolicyKind, findings: [Finding]) {
        self.name = name
        self.kind = kind
        self.findings = findings
    }

    public var hasErrors: Bool { findings.hasErrors }
    public var hasSecurityFindings: Bool { findings.contains { $0.severity == .security } }

    /// True when the policy should fail a check: any error, and with `strict` any security finding.
    public func fails(strict: Bool = false) -> Bool { hasErrors || (strict && hasSecurityFindings) }

    public func count(of severity: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }

    /// Every severity with how many findings have it, zero included, most severe first.
    public var countsBySeverity: [(severity: Severity, count: Int)] {
        Severity.allCases.sorted().map { ($0, count(of: $0)) }
    }

    public func findings(withCode code: String) -> [Finding] { findings.filter { $0.code == code } }
}

/// Checks a policy against IAM's grammar, ECR's own validation and the least-privilege habits the
/// workshop teaches. Each rule family lives in its own file as an extension of `LintContext`.
public struct Linter: Sendable {
    public var options: LintOptions

    public init(options: LintOptions = .init()) {
        self.options = options
    }

    /// `kind` overrides detection (a policy with a Principal is a repository policy).
    public func lint(_ parsed: ParsedPolicy, kind: PolicyKind? = nil) -> LintReport {
        guard let policy = parsed.policy else {
            return LintReport(
                name: parsed.name, kind: kind ?? .repository,
                findings: parsed.findings.filter { !options.disabledCodes.contains($0.code) }.sortedBySource())
        }
        var context = LintContext(parsed: parsed, policy: policy, kind: kind ?? policy.detectedKind, options: options)
        // Placeholders first: the rules after them stay quiet about text that is a placeholder.
        context.checkPlaceholders()
        context.checkDocument()
        context.checkStatementShape()
        context.checkActions()
        context.checkPrincipals()
        context.checkConditions()
        context.checkPolicyVariables()
        context.checkGrantSets()
        return LintReport(name: parsed.name, kind: context.kind, findings: context.findings.sortedBySource())
    }
}
