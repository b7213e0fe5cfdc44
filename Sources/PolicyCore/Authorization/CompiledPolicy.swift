import Foundation

/// A policy prepared for deciding many requests: action names lower-cased into sets, patterns
/// pre-split, principals parsed, conditions compiled. Built once; a decision then only matches.
///
/// Compiling refuses a policy that AWS itself would refuse (an unknown condition operator, a
/// malformed principal, a Principal in an identity policy…): evaluating it anyway would mean
/// guessing, and a guessed "no match" on a Deny fails open.
public struct CompiledPolicy: Sendable {
    public let name: String
    public let side: StatementReference.Side
    let statements: [CompiledStatement]

    /// Why a policy cannot be evaluated: the findings that make it invalid, never empty.
    public struct Invalid: Error, Sendable {
        public var policyName: String
        public var findings: [Finding]

        /// One line for a batch result or an error message.
        public var summary: String {
            let first = findings[0]
            let more = findings.count > 1 ? " (and \(findings.count - 1) more)" : ""
            return "\(policyName):\(first.range.start.line):\(first.range.start.column): \(first.message)\(more)"
        }
    }

    public static func compile(_ parsed: ParsedPolicy, side: StatementReference.Side) -> Result<CompiledPolicy, Invalid> {
        var problems = parsed.findings.filter { $0.severity == .error }
        guard let policy = parsed.policy else {
            return .failure(Invalid(policyName: parsed.name, findings: problems))
        }
        let compiler = StatementCompiler(policy: policy, side: side)
        var statements: [CompiledStatement] = []
        for statement in policy.statements {
            switch compiler.compile(statement) {
            case .success(let compiled): statements.append(compiled)
            case .failure(let statementProblems): problems += statementProblems.findings
            }
        }
        if !problems.isEmpty { return .failure(Invalid(policyName: parsed.name, findings: problems.sortedBySource())) }
        return .success(CompiledPolicy(name: parsed.name, side: side, statements: statements))
    }

    /// Parses and compiles policy text in one step.
    public static func compile(name: String, text: String, side: StatementReference.Side) -> Result<CompiledPolicy, Invalid> {
        compile(ParsedPolicy(name: name, text: text), side: side)
    }
}

/// One statement, ready to match.
struct CompiledStatement: Sendable {
    let reference: StatementReferenceTemplate
    let effect: Effect
    let principals: [PrincipalPattern]?
    let principalsNegated: Bool
    let actions: ActionMatcher
    let resources: ResourceMatcher?
    let conditions: [CompiledCondition]
    /// `Operator key` for each condition, to say which one was false.
    let conditionLabels: [String]
}

/// The statement's place, completed with the policy name when a reason is reported.
struct StatementReferenceTemplate: Sendable {
    let name: String
    let index: Int
    let line: Int
    let column: Int
}

/// Action or NotAction: exact names in a set (the common case), wildcards as patterns.
struct ActionMatcher: Sendable {
    let negated: Bool
    let matchesEverything: Bool
    let exact: Set<String>
    let patterns: [WildcardPattern]

    init(_ element: ListElement) {
        negated = element.isNegated
        var exact: Set<String> = []
        var patterns: [WildcardPattern] = []
        var everything = false
        for item in element.items {
            // AWS tolerates whitespace around action names.
            let name = item.value.trimmingSpaces().lowercased()
            if name == "*" {
                everything = true
            } else if name.hasWildcard {
                patterns.append(WildcardPattern(name, caseSensitive: false))
            } else {
                exact.insert(name)
            }
        }
        self.exact = exact
        self.patterns = patterns
        self.matchesEverything = everything
    }

    /// `action` must already be lower-cased.
    func listed(_ action: String) -> Bool {
        matchesEverything || exact.contains(action) || patterns.contains { $0.matches(action) }
    }

    func applies(to action: String) -> Bool { listed(action) != negated }
}

/// Resource or NotResource: ARN patterns, compared case-sensitively.
struct ResourceMatcher: Sendable {
    enum Item: Sendable {
        case pattern(WildcardPattern)
        /// Holds policy variables in its resource part, resolved per request; `prefix` is the
        /// ARN up to the fifth colon, where variables are plain text.
        case template(prefix: [WildcardToken], PolicyVariableTemplate)
    }

    let negated: Bool
    let items: [Item]

    func listed(_ resource: String, context: RequestContext) -> Bool {
        for item in items {
            switch item {
            case .pattern(let pattern):
                if pattern.matches(resource) { return true }
            case .template(let prefix, let template):
                // A variable the request does not carry makes the entry match nothing.
                guard let tokens = template.resolveTokens(in: context) else { continue }
                if WildcardPattern(tokens: prefix + tokens, caseSensitive: true).matches(resource) { return true }
            }
        }
        return false
    }

    func applies(to resource: String, context: RequestContext) -> Bool { listed(resource, context: context) != negated }
}
