/// The element-level readers of `PolicyDecoder`: principals, string lists and conditions.
extension PolicyDecoder {
    func decodePrincipal(_ member: JSONMember, _ findings: inout [Finding]) -> PrincipalElement {
        let negated = member.key == "NotPrincipal"
        var entries: [PrincipalEntry] = []
        switch member.value.value {
        case .string(let text):
            if text == "*" {
                entries.append(PrincipalEntry(.everyone, Located(text, at: member.value.range)))
            } else {
                findings.append(
                    Finding(
                        .error, "invalid-principal", "`\(member.key)` must be `\"*\"` or an object, not the string `\(text)`",
                        at: member.value.range,
                        help: "write `\"\(member.key)\": { \"AWS\": \"\(text)\" }`"))
            }
        case .object(let kinds):
            if kinds.isEmpty {
                findings.append(
                    Finding(
                        .error, "invalid-principal", "`\(member.key)` names nobody", at: member.value.range,
                        help: "write `{ \"AWS\": \"arn:aws:iam::ACCOUNT_ID:user/NAME\" }`"))
            }
            for kindMember in kinds {
                guard let kind = PrincipalEntry.Kind(rawValue: kindMember.key), kind != .everyone else {
                    let known = PrincipalEntry.Kind.allCases.filter { $0 != .everyone }.map(\.rawValue)
                    let guess = ClosestMatch.find(kindMember.key, in: known)
                    findings.append(
                        Finding(
                            .error, "invalid-principal", "`\(kindMember.key)` is not a kind of principal",
                            at: kindMember.keyRange,
                            help: guess.map { "did you mean `\($0)`?" } ?? "use `AWS`, `Service`, `Federated` or `CanonicalUser`"))
                    continue
                }
                for value in strings(kindMember, &findings) { entries.append(PrincipalEntry(kind, value)) }
            }
        default:
            findings.append(
                Finding(
                    .error, "invalid-type", "`\(member.key)` must be `\"*\"` or an object, not \(member.value.value.kindName)",
                    at: member.value.range, help: "write `\"\(member.key)\": { \"AWS\": \"arn:aws:iam::ACCOUNT_ID:user/NAME\" }`"))
        }
        return PrincipalElement(isNegated: negated, entries: entries, keyRange: member.keyRange)
    }

    func decodeList(_ member: JSONMember, _ findings: inout [Finding]) -> ListElement {
        ListElement(isNegated: member.key.hasPrefix("Not"), items: strings(member, &findings), keyRange: member.keyRange)
    }

    func decodeConditions(_ member: JSONMember, _ findings: inout [Finding]) -> [Condition] {
        guard case .object(let operators) = member.value.value else {
            findings.append(
                Finding(
                    .error, "invalid-type", "`Condition` must be an object, not \(member.value.value.kindName)",
                    at: member.value.range,
                    help: "write `\"Condition\": { \"StringEquals\": { \"aws:SourceAccount\": \"111122223333\" } }`"))
            return []
        }
        var conditions: [Condition] = []
        for operatorMember in operators {
            guard case .object(let keys) = operatorMember.value.value else {
                findings.append(
                    Finding(
                        .error, "invalid-type",
                        "the value of `\(operatorMember.key)` must be an object of condition keys, not \(operatorMember.value.value.kindName)",
                        at: operatorMember.value.range,
                        help: "write `\"\(operatorMember.key)\": { \"aws:SourceIp\": \"203.0.113.0/24\" }`"))
                continue
            }
            let operatorName = Located(operatorMember.key, at: operatorMember.keyRange)
            for keyMember in keys {
                let values = scalars(keyMember, &findings)
                conditions.append(
                    Condition(operatorName: operatorName, key: Located(keyMember.key, at: keyMember.keyRange), values: values))
            }
        }
        return conditions
    }

    /// A string, or a list of strings: IAM lets a single-valued list drop its brackets.
    func strings(_ member: JSONMember, _ findings: inout [Finding]) -> [Located<String>] {
        switch member.value.value {
        case .string(let text):
            return [Located(text, at: member.value.range)]
        case .array(let items):
            if items.isEmpty {
                findings.append(
                    Finding(
                        .error, "empty-list", "`\(member.key)` is an empty list", at: member.value.range,
                        help: "list at least one value, or remove `\(member.key)`"))
            }
            return items.compactMap { item in
                if case .string(let text) = item.value { return Located(text, at: item.range) }
                findings.append(
                    Finding(
                        .error, "invalid-type", "the items of `\(member.key)` must be strings, not \(item.value.kindName)",
                        at: item.range, help: "put the value in double quotes"))
                return nil
            }
        default:
            findings.append(
                Finding(
                    .error, "invalid-type", "`\(member.key)` must be a string or a list of strings, not \(member.value.value.kindName)",
                    at: member.value.range, help: "write `\"\(member.key)\": [\"…\"]`"))
            return []
        }
    }

    /// Condition values: strings, numbers or booleans, alone or in a list.
    func scalars(_ member: JSONMember, _ findings: inout [Finding]) -> [Located<String>] {
        func scalar(_ node: JSONNode) -> Located<String>? {
            switch node.value {
            case .string(let text), .number(let text): return Located(text, at: node.range)
            case .bool(let flag): return Located(flag ? "true" : "false", at: node.range)
            default:
                findings.append(
                    Finding(
                        .error, "invalid-type", "a value of condition key `\(member.key)` must be a string, number or boolean, not \(node.value.kindName)",
                        at: node.range, help: "write the value in double quotes"))
                return nil
            }
        }
        if case .array(let items) = member.value.value {
            if items.isEmpty {
                findings.append(
                    Finding(
                        .error, "empty-list", "condition key `\(member.key)` has no values", at: member.value.range,
                        help: "list at least one value"))
            }
            return items.compactMap(scalar)
        }
        return scalar(member.value).map { [$0] } ?? []
    }

    func string(_ member: JSONMember, _ findings: inout [Finding]) -> String? {
        if case .string(let text) = member.value.value { return text }
        findings.append(
            Finding(
                .error, "invalid-type", "`\(member.key)` must be a string, not \(member.value.value.kindName)",
                at: member.value.range, help: "put the value in double quotes"))
        return nil
    }

    func unknownKey(_ member: JSONMember, allowed: [String], place: String) -> Finding {
        let guess = ClosestMatch.find(member.key, in: allowed)
        return Finding(
            .error, "unknown-key", "`\(member.key)` is not a valid key \(place)", at: member.keyRange,
            help: guess.map { "did you mean `\($0)`? (keys are case-sensitive)" }
                ?? "valid keys are \(allowed.map { "`\($0)`" }.joined(separator: ", "))")
    }

    /// Nil for the same key twice: the JSON reader has already reported that duplicate.
    func conflict(_ earlier: JSONMember, _ later: JSONMember) -> Finding? {
        if earlier.key == later.key { return nil }
        return Finding(
            .error, "conflicting-elements", "a statement cannot have both `\(earlier.key)` and `\(later.key)`",
            at: later.keyRange, help: "keep one of them: `\(earlier.key)` lists what the statement covers, `\(later.key)` what it excludes")
    }

    func firstCharacter(of range: SourceRange) -> SourceRange {
        SourceRange(start: range.start, end: range.start)
    }
}
