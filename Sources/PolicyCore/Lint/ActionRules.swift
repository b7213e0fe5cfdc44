/// Rules on `Action`/`NotAction`: syntax, names the catalogue does not know, actions a repository
/// policy cannot hold, over-broad grants and redundant entries.
extension LintContext {
    mutating func checkActions() {
        for (statement, facts) in zip(policy.statements, actionFacts) {
            guard let element = statement.action else { continue }
            for (item, reference) in zip(element.items, facts.references) where !holdsPlaceholder(item) {
                checkAction(item, reference)
            }
            checkBroadActions(statement, element, facts)
            checkRedundantActions(element.items, facts.references)
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
                let trimmed = text.trimmingSpaces()
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
        let trimmed = text.trimmingSpaces()
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
        for (item, reference) in zip(element.items, facts.references) where reference.isFullWildcard {
            report(
                .security, "wildcard-action",
                "`\(item.value.trimmingSpaces())` allows every \(reference == .everything ? "" : "ECR ")action, including deleting the repository and changing its policy",
                at: item.range, help: "list only the actions needed, e.g. the push and pull actions")
        }
    }

    /// A duplicate, or an action a wildcard of the same statement already covers. Usually every
    /// item names different actions, which one pass over bit sets proves; only otherwise are the
    /// items compared pairwise.
    private mutating func checkRedundantActions(_ items: [Located<String>], _ references: [ActionReference]) {
        guard references.count > 1 else { return }
        var seen = ECRActionSet()
        var overlaps = false
        var otherServices = 0
        for reference in references {
            switch reference {
            case .everything: overlaps = true
            case .otherService: otherServices += 1
            case .ecr(let actions, _):
                if !actions.intersection(seen).isEmpty { overlaps = true }
                seen = seen.union(actions)
            case .malformed: break
            }
        }
        if !overlaps && otherServices < 2 { return }

        let everything = references.firstIndex(of: .everything)
        var seenOtherServices: Set<String> = []
        for position in references.indices where !holdsPlaceholder(items[position]) {
            var coveredBy: Int?
            if let everything, everything != position, references[position] != .malformed {
                coveredBy = everything
            } else if case .ecr(let actions, let isPattern) = references[position], !actions.isEmpty {
                for other in references.indices where other != position {
                    guard case .ecr(let wider, let widerIsPattern) = references[other], actions.isSubset(of: wider) else {
                        continue
                    }
                    // Equal sets: keep the pattern over a literal, otherwise the earlier entry.
                    if actions == wider {
                        let keepsOther = widerIsPattern != isPattern ? widerIsPattern : other < position
                        if !keepsOther { continue }
                    }
                    coveredBy = other
                    break
                }
            } else if references[position] == .otherService {
                let name = items[position].value.trimmingSpaces().lowercased()
                if !seenOtherServices.insert(name).inserted {
                    coveredBy = references.indices.first { items[$0].value.trimmingSpaces().lowercased() == name }
                }
            }
            guard let coveredBy else { continue }
            let covering = items[coveredBy].value.trimmingSpaces()
            let mine = items[position].value.trimmingSpaces()
            let isDuplicate = covering.lowercased() == mine.lowercased()
            report(
                .suggestion, "redundant-action",
                isDuplicate ? "`\(mine)` is listed twice" : "`\(mine)` is already covered by `\(covering)`",
                at: items[position].range, help: "remove this entry")
        }
    }
}
