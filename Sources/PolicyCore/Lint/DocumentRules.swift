/// Rules on the policy as a whole and on which elements each statement has for its kind.
extension LintContext {
    mutating func checkDocument() {
        let start = LintContext.startOf(policy.range)
        if policy.version == nil {
            report(
                .warning, "missing-version", "the policy has no `Version`: IAM then reads it with the 2008-10-17 grammar",
                at: start, help: "add `\"Version\": \"2012-10-17\"` at the top of the policy")
        }
        let limit = options.repositoryPolicyCharacterLimit
        // UTF-8 length bounds the character count from above and costs nothing: count characters
        // only when the text could be over the limit.
        if kind == .repository, parsed.text.utf8.count > limit, parsed.characterCount > limit {
            report(
                .error, "policy-too-large",
                "the policy is \(parsed.characterCount) characters long: ECR accepts at most \(limit) for a repository policy",
                at: start, help: "merge statements that share a principal, or drop actions a wildcard already covers")
        }
        checkSids()
    }

    private mutating func checkSids() {
        // Keyed by fingerprint, confirmed by comparing the Sids: integer keys hash cheaply.
        var firstBySid: [UInt64: [Located<String>]] = [:]
        firstBySid.reserveCapacity(policy.statements.count)
        for statement in policy.statements {
            guard let sid = statement.sid, !sid.value.isEmpty, !holdsPlaceholder(sid) else { continue }
            let fingerprint = Fingerprint.of(sid.value)
            if let first = firstBySid[fingerprint]?.first(where: { $0.value == sid.value }) {
                report(
                    .warning, "duplicate-sid",
                    "the Sid `\(sid.value)` is already used (line \(first.range.start.line)): Sids should be unique",
                    at: sid.range, help: "give each statement its own Sid")
            } else {
                firstBySid[fingerprint, default: []].append(sid)
            }
            // Repository policies accept spaces (AWS's own examples use them); identity policies
            // accept letters and digits only.
            if kind == .identity, sid.value.unicodeScalars.contains(where: { !Self.isASCIIAlphanumeric($0) }) {
                let cleaned = String(String.UnicodeScalarView(sid.value.unicodeScalars.filter(Self.isASCIIAlphanumeric)))
                report(
                    .error, "invalid-sid", "the Sid `\(sid.value)` has characters IAM refuses in an identity policy",
                    at: sid.range,
                    help: cleaned.isEmpty ? "use only letters and digits" : "use only letters and digits, e.g. `\(cleaned)`")
            }
        }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    /// Which elements a statement must or must not have, for the kind of policy.
    mutating func checkStatementShape() {
        for statement in policy.statements {
            let start = LintContext.startOf(statement.range)
            switch kind {
            case .repository:
                if statement.principal == nil {
                    report(
                        .error, "missing-principal", "\(statement.label) has no `Principal`: a repository policy must say who it applies to",
                        at: start, help: "add `\"Principal\": { \"AWS\": \"arn:aws:iam::111122223333:user/NAME\" }`")
                }
                if let resource = statement.resource {
                    let onlyStar = !resource.isNegated && resource.items.allSatisfy { $0.value == "*" }
                    report(
                        .warning, "resource-in-repository-policy",
                        onlyStar
                            ? "`\(resource.isNegated ? "NotResource" : "Resource")` is not needed in a repository policy: the statement applies to the repository the policy is attached to"
                            : "`\(resource.isNegated ? "NotResource" : "Resource")` in a repository policy: the statement applies only if it matches this repository's ARN",
                        at: resource.keyRange,
                        help: "remove it (older ECR versions refuse a repository policy that has one)")
                }
            case .identity:
                if let principal = statement.principal {
                    report(
                        .error, "principal-in-identity-policy",
                        "`\(principal.isNegated ? "NotPrincipal" : "Principal")` has no place in an identity policy: it applies to whoever it is attached to",
                        at: principal.keyRange,
                        help: "remove it, or lint this file as a repository policy (`--kind repository`)")
                }
                if statement.resource == nil {
                    report(
                        .error, "missing-resource", "\(statement.label) has no `Resource`: an identity policy must say what it applies to",
                        at: start,
                        help: "add `\"Resource\": \"arn:aws:ecr:REGION:ACCOUNT:repository/NAME\"` (or `\"*\"` for account-level actions)")
                }
            }
        }
    }
}
