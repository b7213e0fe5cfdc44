/// Checks that a statement is one AWS would accept on its side, and compiles it. The findings it
/// returns are the ones that make a policy impossible to evaluate; the linter reports them too.
struct StatementProblems: Error {
    var findings: [Finding]
}

struct StatementCompiler {
    let policy: Policy
    let side: StatementReference.Side

    func compile(_ statement: Statement) -> Result<CompiledStatement, StatementProblems> {
        var problems: [Finding] = []
        let start = SourceRange(start: statement.range.start, end: statement.range.start)
        let principals = compilePrincipals(statement, at: start, &problems)
        if side == .identity, statement.resource == nil {
            problems.append(
                Finding(
                    .error, "missing-resource", "\(statement.name) has no `Resource`", at: start,
                    help: "an identity policy names what it applies to: add `\"Resource\": \"arn:aws:ecr:REGION:ACCOUNT_ID:repository/NAME\"` (or `\"*\"` for ecr:GetAuthorizationToken)"))
        }
        let resources = statement.resource.map(compileResources)
        let conditions = compileConditions(statement, &problems)
        guard problems.isEmpty, let effect = statement.effect?.value, let action = statement.action else {
            return .failure(StatementProblems(findings: problems))
        }
        let reference = StatementReferenceTemplate(
            name: statement.name, index: statement.index, line: statement.range.start.line,
            column: statement.range.start.column)
        return .success(
            CompiledStatement(
                reference: reference, effect: effect, principals: principals,
                principalsNegated: statement.principal?.isNegated ?? false, actions: ActionMatcher(action),
                resources: resources, conditions: conditions,
                conditionLabels: statement.conditions.map { "\($0.operatorName.value) \($0.key.value)" }))
    }

    private func compilePrincipals(_ statement: Statement, at start: SourceRange, _ problems: inout [Finding]) -> [PrincipalPattern]? {
        guard let element = statement.principal else {
            if side == .repository {
                problems.append(
                    Finding(
                        .error, "missing-principal", "\(statement.name) has no `Principal`", at: start,
                        help: "a repository policy says who it applies to: add `\"Principal\": { \"AWS\": \"arn:aws:iam::ACCOUNT_ID:user/NAME\" }`"))
            }
            return nil
        }
        if side == .identity {
            problems.append(
                Finding(
                    .error, "principal-in-identity-policy", "an identity policy cannot have `\(element.isNegated ? "NotPrincipal" : "Principal")`",
                    at: element.keyRange,
                    help: "the principal is whoever the policy is attached to: remove it, or use this as a repository policy"))
            return nil
        }
        var patterns: [PrincipalPattern] = []
        for entry in element.entries {
            switch PrincipalPattern.parse(entry) {
            case .success(let pattern): patterns.append(pattern)
            case .failure(let problem): problems.append(PrincipalProblemWording.finding(problem, entry: entry))
            }
        }
        return patterns
    }

    private func compileResources(_ element: ListElement) -> ResourceMatcher {
        let items: [ResourceMatcher.Item] = element.items.map { item in
            guard policy.substitutesVariables, item.value.hasVariableOpening else {
                return .pattern(WildcardPattern(item.value, caseSensitive: true))
            }
            // IAM substitutes variables only in the resource part of an ARN, after the fifth
            // colon; before it `${…}` is plain text.
            var prefix: [WildcardToken] = []
            var resourcePart = item.value
            if let fields = ARN.split(item.value) {
                prefix = WildcardPattern.tokens(fields[0..<5].joined(separator: ":") + ":")
                resourcePart = fields[5]
            }
            let template = PolicyVariableTemplate(resourcePart)
            if template.hasVariables { return .template(prefix: prefix, template) }
            // Escapes alone (`${*}`, `${?}`, `${$}`) resolve now: their character is literal,
            // never a wildcard, whether or not the entry also holds a variable.
            let tokens = template.resolveTokens { _ in nil } ?? WildcardPattern.tokens(resourcePart)
            return .pattern(WildcardPattern(tokens: prefix + tokens, caseSensitive: true))
        }
        return ResourceMatcher(negated: element.isNegated, items: items)
    }

    private func compileConditions(_ statement: Statement, _ problems: inout [Finding]) -> [CompiledCondition] {
        var compiled: [CompiledCondition] = []
        for condition in statement.conditions {
            let name = condition.operatorName
            let op: ConditionOperator
            switch ConditionOperator.parse(name.value) {
            case .success(let parsed): op = parsed
            case .failure(let error):
                problems.append(ConditionOperatorWording.finding(error, name: name))
                continue
            }
            switch CompiledCondition.compile(
                operator: op, key: condition.key.value, values: condition.values.map(\.value),
                allowVariables: policy.substitutesVariables)
            {
            case .success(let value): compiled.append(value)
            case .failure(let errors):
                for error in errors.errors {
                    let range = error.valueIndex.flatMap { condition.values.indices.contains($0) ? condition.values[$0].range : nil }
                    problems.append(
                        Finding(
                            .error, "invalid-condition-value", error.message, at: range ?? condition.key.range,
                            help: "fix the value so that `\(name.value)` can compare it"))
                }
            }
        }
        return compiled
    }
}
