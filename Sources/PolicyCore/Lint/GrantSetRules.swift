/// Rules on what the Allow statements grant together: `docker push` and `docker pull` each need a
/// whole set of actions, and a partial set fails part-way with a confusing error.
extension LintContext {
    private struct Grant {
        /// The first statement of the group: groups are reported in source order.
        var first: Int
        var actions = ECRActionSet()
        /// The statement where push (or pull) actions first appear, to point at.
        var firstPush: Int?
        var firstPull: Int?

        mutating func add(_ covered: ECRActionSet, statement: Int) {
            actions = actions.union(covered)
            if firstPush == nil, !covered.intersection(LintCatalog.pushOnly).isEmpty { firstPush = statement }
            if firstPull == nil, !covered.intersection(LintCatalog.pull).isEmpty { firstPull = statement }
        }
    }

    mutating func checkGrantSets() {
        // Statements naming the same principals add up, whatever order they list them in. Groups
        // are found through an order-independent fingerprint of the principals, confirmed by
        // comparing the principals themselves: one integer lookup per statement.
        var grants: [Grant] = []
        var groupsByFingerprint: [UInt64: [Int]] = [:]
        groupsByFingerprint.reserveCapacity(policy.statements.count)
        for (index, statement) in policy.statements.enumerated() {
            guard statement.allows, statement.action != nil else { continue }
            var fingerprint: UInt64 = 0
            if kind == .repository {
                guard let principal = statement.principal, !principal.isNegated, !principal.entries.isEmpty else { continue }
                for entry in principal.entries {
                    var one = Fingerprint()
                    one.add(entry.kind.rawValue)
                    one.add(entry.value.value)
                    fingerprint = fingerprint &+ one.value
                }
            }
            let candidates = groupsByFingerprint[fingerprint] ?? []
            let group = candidates.first { samePrincipals(policy.statements[grants[$0].first], statement) }
            if let group {
                grants[group].add(actionFacts[index].covered, statement: index)
            } else {
                var grant = Grant(first: index)
                grant.add(actionFacts[index].covered, statement: index)
                groupsByFingerprint[fingerprint, default: []].append(grants.count)
                grants.append(grant)
            }
        }
        for grant in grants {
            if let statement = grant.firstPush {
                reportIncomplete("incomplete-push", "docker push", grant, LintCatalog.push, LintCatalog.pushOnly, statement)
            }
            if let statement = grant.firstPull {
                reportIncomplete("incomplete-pull", "docker pull", grant, LintCatalog.pull, LintCatalog.pull, statement)
            }
        }
    }

    /// The same principals, in any order (identity policies have none: all their statements agree).
    private func samePrincipals(_ a: Statement, _ b: Statement) -> Bool {
        let left = a.principal?.entries ?? []
        let right = b.principal?.entries ?? []
        if left.count != right.count { return false }
        if left.count == 1 { return left[0] == right[0] }
        // Short lists (the usual case) compare pairwise without sorting; principal lists hold no
        // meaningful duplicates, so containment both ways is set equality.
        if left.count <= 8 {
            return left.allSatisfy { right.contains($0) } && right.allSatisfy { left.contains($0) }
        }
        func ordered(_ entries: [PrincipalEntry]) -> [PrincipalEntry] {
            entries.sorted { ($0.kind.rawValue, $0.value.value) < ($1.kind.rawValue, $1.value.value) }
        }
        return ordered(left) == ordered(right)
    }

    private mutating func reportIncomplete(
        _ code: String, _ command: String, _ grant: Grant, _ required: ECRActionSet, _ trigger: ECRActionSet, _ index: Int
    ) {
        let missing = required.subtracting(grant.actions)
        if missing.isEmpty { return }
        let statement = policy.statements[index]
        let present = grant.actions.intersection(trigger).names.map { "`\($0)`" }.joined(separator: ", ")
        let absent = missing.names.map { "`\($0)`" }.joined(separator: ", ")
        var subject = "this policy"
        if kind == .repository, let entries = policy.statements[grant.first].principal?.entries {
            subject = entries.count == 1 ? "`\(entries[0].value.value)`" : "the principals of \(policy.statements[grant.first].label)"
        }
        report(
            .warning, code, "\(subject) allows \(present) but not \(absent): `\(command)` will fail part-way",
            at: statement.action?.keyRange ?? LintContext.startOf(statement.range),
            help: "add \(absent) to the Action list of \(statement.label), or remove the others if \(command) is not meant")
    }
}
