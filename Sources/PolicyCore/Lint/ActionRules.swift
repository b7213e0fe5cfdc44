/// Rules on `Action`/`NotAction`: syntax, names the catalogue does not know, actions a repository
/// policy cannot hold, over-broad grants and redundant entries.
extension LintContext {
    mutating func checkActions() {
        for (statement, facts) in zip(policy.statements, actionFacts) {
            guard let element = statement.action else { continue }
            for entry in facts.references where !holdsPlaceholder(entry.item) {
                checkAction(entry.item, entry.reference)
            }
            checkBroadActions(statement, element, facts)
            checkRedundantActions(facts)
        }
    }

    private mutating func checkAction(_ item: Located<String>, _ reference: ActionReference) {
        let text = item.value
        switch reference {
        case .everything:
            break
        case .malformed:
            report(
                .error, "malformed-action", "`\(text)` is not an action: actions are written `service:Name`",
                at: item.range, help: malformedActionHelp(text))
        case .otherService:
            // ECR validates a repository policy's actions (it refuses even its own account-level
            // ones), and a repository policy is only consulted for ECR requests: another service's
            // action there is at best dead text.
            if kind == .repository {
                report(
                    .error, "non-ecr-action", "`\(text)` is not an ECR action: a repository policy can only grant `ecr:` actions",
                    at: item.range, help: "remove it, or grant it in an identity policy of the principal instead")
            }
        case .ecr(let actions, let isPattern):
            if actions.isEmpty {
                let trimmed = text.trimmingSpaces
                if isPattern {
                    report(
                        .error, "unknown-action", "`\(trimmed)` matches no ECR action", at: item.range,
                        help: "check the spelling against the ECR actions, e.g. `ecr:Batch*` or `ecr:*Layer*`")
                } else {
                    let guess = ClosestMatch.find(trimmed, in: ECRCatalog.actions.lazy.map(\.name))
                    report(
                        .error, "unknown-action", "`\(trimmed)` is not an ECR action", at: item.range,
                        help: guess.map { "did you mean `\($0)`?" } ?? "check the spelling against the list of ECR actions")
                }
            } else if kind == .repository, actions.isSubset(of: LintCatalog.accountScoped) {
                let names = actions.names.map { "`\($0)`" }.joined(separator: ", ")
                report(
                    isPattern ? .warning : .error, "account-action-in-repository-policy",
                    isPattern
                        ? "`\(text)` matches only account-level actions (\(names)), which a repository policy cannot grant"
                        : "`\(text)` is an account-level action: ECR refuses it in a repository policy (\"Invalid repository policy provided\")",
                    at: item.range,
                    help: "remove it here and allow it in the principal's identity policy with `\"Resource\": \"*\"`")
            }
        }
    }

    private func malformedActionHelp(_ text: String) -> String {
        let trimmed = text.trimmingSpaces
        // `ecr PutImage`, `ecr.PutImage`, `ecr/PutImage`: the right words with the wrong separator.
        for separator in [" ", ".", "/", "::", ";"] {
            let parts = trimmed.components(separatedBy: separator).filter { !$0.isEmpty }
            if parts.count == 2, !parts[0].contains(":"), !parts[1].contains(":") {
                return "write `\(parts[0]):\(parts[1])`"
            }
        }
        if !trimmed.contains(":"), let action = ECRCatalog.actions.first(where: { $0.shortName.lowercased() == trimmed.lowercased() }) {
            return "add the service prefix: `\(action.name)`"
        }
        return "write the service prefix, a colon and the action name, e.g. `ecr:PutImage`"
    }

    private mutating func checkBroadActions(_ statement: Statement, _ element: ListElement, _ facts: StatementActions) {
        guard statement.allows else { return }
        if element.isNegated {
            report(
                .security, "allow-with-notaction",
                "\(statement.label) allows every action except the ones listed in `NotAction`, including actions added to AWS later",
                at: element.keyRange, help: "list the actions to allow in `Action` instead")
            return
        }
        for entry in facts.references where entry.reference.isFullWildcard {
            report(
                .security, "wildcard-action",
                "`\(entry.item.value.trimmingSpaces)` allows every \(entry.reference == .everything ? "" : "ECR ")action, including deleting the repository and changing its policy",
                at: entry.item.range, help: "list only the actions needed, e.g. the push and pull actions")
        }
    }

    /// A duplicate, or an action a wildcard of the same statement already covers. Pairwise over one
    /// statement's items, but only on bit sets: cheap even for long lists.
    private mutating func checkRedundantActions(_ facts: StatementActions) {
        let references = facts.references
        guard references.count > 1 else { return }
        let everything = references.firstIndex { $0.reference == .everything }
        var seenOtherServices: Set<String> = []
        for (position, entry) in references.enumerated() {
            if holdsPlaceholder(entry.item) { continue }
            var coveredBy: Located<String>?
            if let everything, everything != position, entry.reference != .malformed {
                coveredBy = references[everything].item
            }
            switch entry.reference {
            case .ecr(let actions, let isPattern) where !actions.isEmpty && coveredBy == nil:
                for (other, candidate) in references.enumerated() where other != position {
                    guard case .ecr(let wider, let widerIsPattern) = candidate.reference, actions.isSubset(of: wider)
                    else { continue }
                    // Equal sets: keep the pattern over a literal, otherwise the earlier entry.
                    if actions == wider {
                        let keepsOther = widerIsPattern != isPattern ? widerIsPattern : other < position
                        if !keepsOther { continue }
                    }
                    coveredBy = candidate.item
                    break
                }
            case .otherService(let name) where coveredBy == nil:
                if !seenOtherServices.insert(name).inserted { coveredBy = entry.item }
            default:
                break
            }
            guard let coveredBy else { continue }
            let covering = coveredBy.value.trimmingSpaces
            let mine = entry.item.value.trimmingSpaces
            let isDuplicate = covering.lowercased() == mine.lowercased()
            report(
                .suggestion, "redundant-action",
                isDuplicate ? "`\(mine)` is listed twice" : "`\(mine)` is already covered by `\(covering)`",
                at: entry.item.range, help: "remove this entry")
        }
    }
}

extension String {
    /// Without the spaces and tabs AWS tolerates around action names.
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(self[first...last])
    }
}
