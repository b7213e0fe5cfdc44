/// Shows an `Explanation` as text for people or JSON for machines. Pure: the CLI prints the result.
public struct ExplanationRenderer: Sendable {
    public init() {}

    public func text(_ explanation: Explanation, request: AuthorizationRequest, model: EvaluationModel) -> String {
        let decision = explanation.decision
        var lines: [String] = []
        lines.append("decision: \(decision.outcome.rawValue) (\(model.rawValue) model)")
        lines.append("  request: \(request.principal.arn) → \(request.action) on \(request.resource)")
        if decision.identityOnly {
            lines.append("  \(request.action) is decided by identity policies alone: the repository policy takes no part")
        } else if !request.principal.hasIdentityPolicies {
            lines.append("  \(request.principal.arn) has no identity policies: the repository policy alone decides")
        }
        var currentPolicy: String?
        for trace in explanation.statements {
            if trace.statement.policyName != currentPolicy {
                currentPolicy = trace.statement.policyName
                lines.append("  \(trace.statement.side.rawValue) policy \(trace.statement.policyName):")
            }
            let place = "`\(trace.statement.statementName)` (line \(trace.statement.line)) \(trace.statement.effect.rawValue)"
            lines.append("    \(trace.result == .matched ? "matched    " : "not matched") \(place): \(Self.describe(trace.result))")
        }
        if explanation.statements.isEmpty { lines.append("  no policies were given") }
        if let advice = RefusalAdvice.advice(for: explanation, action: request.action) {
            if decision.outcome == .implicitDeny {
                let sides = decision.missing.map(Self.describe).joined(separator: " and ")
                lines.append("  no allow from \(sides)")
            }
            lines.append("  to change: \(advice)")
        }
        if explanation.otherModelOutcome != decision.outcome {
            lines.append(
                "  note: the \(explanation.otherModel.rawValue) model decides \(explanation.otherModelOutcome.rawValue) for this request"
                    + (request.isSameAccount ? " (same account: AWS lets either side allow)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json(_ explanation: Explanation, model: EvaluationModel) -> String {
        var out = String(BatchOutput.line(for: explanation.decision).dropLast())
        out += ",\"model\":\"\(model.rawValue)\",\"otherModel\":{\"model\":\"\(explanation.otherModel.rawValue)\",\"decision\":\"\(explanation.otherModelOutcome.rawValue)\"},\"trace\":["
        for (index, trace) in explanation.statements.enumerated() {
            if index > 0 { out += "," }
            out += "{\"policy\":"
            BatchOutput.appendString(trace.statement.policyName, to: &out)
            out += ",\"side\":\"\(trace.statement.side.rawValue)\",\"statement\":"
            BatchOutput.appendString(trace.statement.statementName, to: &out)
            out += ",\"line\":\(trace.statement.line),\"effect\":\"\(trace.statement.effect.rawValue)\",\"matched\":\(trace.result == .matched),\"why\":"
            BatchOutput.appendString(Self.describe(trace.result), to: &out)
            out += "}"
        }
        out += "]}\n"
        return out
    }

    public static func describe(_ result: StatementTrace.Result) -> String {
        switch result {
        case .matched: "applies to this request"
        case .actionNotListed: "action not listed"
        case .actionExcluded: "action excluded by NotAction"
        case .principalNotListed: "principal differs"
        case .principalExcluded: "principal excluded by NotPrincipal"
        case .resourceNotListed: "resource not listed"
        case .resourceExcluded: "resource excluded by NotResource"
        case .conditionFalse(let label): "condition `\(label)` is false"
        case .notConsulted: "not consulted for this request"
        }
    }

    static func describe(_ missing: Decision.MissingAllow) -> String {
        switch missing {
        case .identity: "the identity policies"
        case .repository: "the repository policy"
        case .noRepositoryPolicy: "a repository policy (there is none)"
        }
    }
}
