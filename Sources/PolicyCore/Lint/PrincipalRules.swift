/// Rules on `Principal`/`NotPrincipal`: values IAM refuses, and grants to more principals than
/// intended (everyone, everyone-but, or administration to a whole account).
extension LintContext {
    mutating func checkPrincipals() {
        for (statement, facts) in zip(policy.statements, actionFacts) {
            guard let principal = statement.principal else { continue }
            var names: [PrincipalName] = []
            var holdsPlaceholder = false
            for entry in principal.entries {
                if self.holdsPlaceholder(entry.value) {
                    holdsPlaceholder = true
                    continue
                }
                switch entry.kind {
                case .aws:
                    let name = PrincipalName(aws: entry.value.value)
                    names.append(name)
                    checkAWSPrincipal(entry.value, name)
                case .everyone:
                    names.append(.everyone)
                case .service, .federated, .canonicalUser:
                    if entry.value.value.contains("*") || entry.value.value.contains("?") {
                        reportPartialWildcard(entry.value, kind: entry.kind)
                    }
                }
            }
            guard statement.allows, kind == .repository else { continue }
            if principal.isNegated {
                report(
                    .security, "allow-with-notprincipal",
                    "\(statement.label) allows everyone except the principals in `NotPrincipal`, anonymous callers included",
                    at: principal.keyRange, help: "name the principals to allow in `Principal` instead")
                continue
            }
            checkPublicAccess(statement, principal)
            // Who a placeholder stands for is unknown until it is filled in.
            if !holdsPlaceholder { checkAdministrativeGrant(statement, principal, names, facts) }
        }
    }

    private mutating func checkAWSPrincipal(_ value: Located<String>, _ name: PrincipalName) {
        switch name {
        case .partialWildcard:
            reportPartialWildcard(value, kind: .aws)
        case .invalidAccount(let account, let span):
            report(
                .error, "invalid-account-id", "`\(account)` is not an AWS account id: an account id is exactly 12 digits",
                at: span.map { range(in: value, utf8Offset: $0.lowerBound, utf8Length: $0.count) } ?? value.range,
                help: account.contains("-") || account.contains(" ")
                    ? "write the 12 digits without dashes or spaces" : "write your 12-digit account id, e.g. 111122223333")
        case .invalid(let reason, let help):
            report(.error, "invalid-principal", reason, at: value.range, help: help)
        default:
            break
        }
    }

    private mutating func reportPartialWildcard(_ value: Located<String>, kind: PrincipalEntry.Kind) {
        report(
            .error, "wildcard-in-principal",
            "`\(value.value)` has a wildcard inside it: IAM accepts a wildcard principal only as the whole `\"*\"`",
            at: value.range,
            help: kind == .aws
                ? "name the account (`111122223333`) or the user or role ARN exactly, and narrow with a `Condition` such as `ArnLike` on `aws:PrincipalArn`"
                : "name the principal exactly")
    }

    private mutating func checkPublicAccess(_ statement: Statement, _ principal: PrincipalElement) {
        guard let everyone = principal.entries.first(where: { $0.kind == .everyone || ($0.kind == .aws && $0.value.value == "*") })
        else { return }
        if narrowsPrincipals(statement) { return }
        report(
            .security, "public-access",
            "\(statement.label) allows `*`: every AWS account and anonymous callers, with no condition narrowing it",
            at: everyone.value.range,
            help: "name the user or role ARN instead, or add a condition such as `StringEquals` on `aws:PrincipalAccount`")
    }

    private mutating func checkAdministrativeGrant(
        _ statement: Statement, _ principal: PrincipalElement, _ names: [PrincipalName], _ facts: StatementActions
    ) {
        let granted = facts.covered.intersection(LintCatalog.administrative)
        if granted.isEmpty { return }
        if principal.entries.count == 1, names.count == 1, names[0].isSingleIdentity { return }
        guard let action = statement.action else { return }
        let location =
            action.isNegated
            ? action.keyRange
            : facts.references.firstIndex { !$0.ecrActions.intersection(LintCatalog.administrative).isEmpty }
                .map { action.items[$0].range } ?? action.keyRange
        let who =
            principal.entries.count == 1
            ? "`\(principal.entries[0].value.value)`"
            : "\(principal.entries.count) principals"
        let actions = granted.names.map { "`\($0)`" }.joined(separator: ", ")
        report(
            .security, "broad-admin-grant",
            "\(statement.label) lets \(who) call \(actions): whoever can do that can take over or delete the repository",
            at: location, help: "grant these only to one administrator user or role, named by its ARN")
    }
}
