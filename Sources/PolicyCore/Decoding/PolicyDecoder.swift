/// Turns a JSON tree into a `Policy`, reporting every structural problem (unknown keys, wrong types,
/// missing or conflicting elements) as findings. It keeps going after a problem so that a learner
/// sees all of them in one run; semantic rules (actions, principals, placeholders) are the linter's.
public struct PolicyDecoder: Sendable {
    static let topLevelKeys = ["Version", "Id", "Statement"]
    static let statementKeys = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    public init() {}

    public func decode(_ root: JSONNode) -> (policy: Policy?, findings: [Finding]) {
        var findings: [Finding] = []
        guard case .object(let members) = root.value else {
            findings.append(
                Finding(
                    .error, "not-a-policy", "a policy is a JSON object, but this file holds \(root.value.kindName)",
                    at: root.range, help: "start the policy with `{` and put a `Statement` list inside"))
            return (nil, findings)
        }
        var version: Located<String>?
        var id: Located<String>?
        var statements: [Statement] = []
        var sawStatement = false
        for member in members {
            switch member.key {
            case "Version":
                if let text = string(member, &findings) {
                    version = Located(text, at: member.value.range)
                    if text != Policy.currentVersion && text != Policy.legacyVersion {
                        findings.append(
                            Finding(
                                .error, "invalid-version", "`\(text)` is not a policy language version",
                                at: member.value.range,
                                help: "use `\"Version\": \"2012-10-17\"` (or `2008-10-17`, the legacy version)"))
                    }
                }
            case "Id":
                if let text = string(member, &findings) { id = Located(text, at: member.value.range) }
            case "Statement":
                sawStatement = true
                statements = decodeStatements(member, &findings)
            default:
                findings.append(unknownKey(member, allowed: Self.topLevelKeys, place: "at the top of a policy"))
            }
        }
        if !sawStatement {
            findings.append(
                Finding(
                    .error, "missing-statement", "the policy has no `Statement`", at: firstCharacter(of: root.range),
                    help: "add `\"Statement\": [ … ]` with at least one statement"))
        }
        return (Policy(version: version, id: id, statements: statements, range: root.range), findings)
    }

    private func decodeStatements(_ member: JSONMember, _ findings: inout [Finding]) -> [Statement] {
        switch member.value.value {
        case .object:
            return decodeStatement(member.value, index: 0, &findings).map { [$0] } ?? []
        case .array(let items):
            if items.isEmpty {
                findings.append(
                    Finding(
                        .error, "empty-statement", "`Statement` is an empty list", at: member.value.range,
                        help: "add at least one statement object"))
            }
            return items.enumerated().compactMap { decodeStatement($0.element, index: $0.offset, &findings) }
        default:
            findings.append(
                Finding(
                    .error, "invalid-type", "`Statement` must be an object or a list of objects, not \(member.value.value.kindName)",
                    at: member.value.range, help: "write `\"Statement\": [ { \"Effect\": …, \"Action\": … } ]`"))
            return []
        }
    }

    private func decodeStatement(_ node: JSONNode, index: Int, _ findings: inout [Finding]) -> Statement? {
        guard case .object(let members) = node.value else {
            findings.append(
                Finding(
                    .error, "invalid-type", "statement \(index + 1) must be an object, not \(node.value.kindName)",
                    at: node.range, help: "each statement is `{ \"Effect\": …, \"Action\": … }`"))
            return nil
        }
        var statement = Statement(index: index, effect: nil, action: nil, range: node.range)
        var principalKey: JSONMember?
        var actionKey: JSONMember?
        var resourceKey: JSONMember?
        var sawEffect = false
        for member in members {
            switch member.key {
            case "Sid":
                if let text = string(member, &findings) { statement.sid = Located(text, at: member.value.range) }
            case "Effect":
                sawEffect = true
                guard let text = string(member, &findings) else { break }
                if let effect = Effect(rawValue: text) {
                    statement.effect = Located(effect, at: member.value.range)
                } else {
                    let fix = Effect.allCases.first { $0.rawValue.lowercased() == text.lowercased() }
                    findings.append(
                        Finding(
                            .error, "invalid-effect", "`\(text)` is not an Effect", at: member.value.range,
                            help: fix.map { "Effect is case-sensitive: write `\"\($0.rawValue)\"`" }
                                ?? "write `\"Allow\"` or `\"Deny\"`"))
                }
            case "Principal", "NotPrincipal":
                if let earlier = principalKey { conflict(earlier, member).map { findings.append($0) } }
                principalKey = member
                statement.principal = decodePrincipal(member, &findings)
            case "Action", "NotAction":
                if let earlier = actionKey { conflict(earlier, member).map { findings.append($0) } }
                actionKey = member
                statement.action = decodeList(member, &findings)
            case "Resource", "NotResource":
                if let earlier = resourceKey { conflict(earlier, member).map { findings.append($0) } }
                resourceKey = member
                statement.resource = decodeList(member, &findings)
            case "Condition":
                statement.conditions = decodeConditions(member, &findings)
            default:
                findings.append(unknownKey(member, allowed: Self.statementKeys, place: "in a statement"))
            }
        }
        let start = firstCharacter(of: node.range)
        if !sawEffect {
            findings.append(
                Finding(
                    .error, "missing-effect", "\(statement.name) has no `Effect`", at: start,
                    help: "add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`"))
        }
        if actionKey == nil {
            findings.append(
                Finding(
                    .error, "missing-action", "\(statement.name) has no `Action`", at: start,
                    help: "add `\"Action\": [ \"ecr:…\" ]` listing what the statement allows or denies"))
        }
        return statement
    }
}
