/// Rules on what the Allow statements grant together: `docker push` and `docker pull` each need a
/// whole set of actions, and a partial set fails part-way with a confusing error.
extension LintContext {
    private struct Grant {
        var actions = ECRActionSet()
        /// The statement and Action key where push (or pull) actions first appear, to point at.
        var firstPush: (statement: Statement, range: SourceRange)?
        var firstPull: (statement: Statement, range: SourceRange)?
        var who: String
    }

    mutating func checkGrantSets() {
        // Statements naming the same principals add up, whatever order they list them in.
        var grants: [[String]: Grant] = [:]
        var order: [[String]] = []
        for (statement, facts) in zip(policy.statements, actionFacts) {
            guard statement.allows, let action = statement.action else { continue }
            var key: [String] = []
            var who = "this policy"
            if kind == .repository {
                guard let principal = statement.principal, !principal.isNegated, !principal.entries.isEmpty else { continue }
                key = principal.entries.map { $0.kind.rawValue + "\u{0}" + $0.value.value }.sorted()
                who = principal.entries.count == 1 ? "`\(principal.entries[0].value.value)`" : "the principals of \(statement.label)"
            }
            if grants[key] == nil { order.append(key) }
            var grant = grants[key] ?? Grant(who: who)
            grant.actions = grant.actions.union(facts.covered)
            if grant.firstPush == nil, !facts.covered.intersection(LintCatalog.pushOnly).isEmpty {
                grant.firstPush = (statement, action.keyRange)
            }
            if grant.firstPull == nil, !facts.covered.intersection(LintCatalog.pull).isEmpty {
                grant.firstPull = (statement, action.keyRange)
            }
            grants[key] = grant
        }
        for key in order {
            guard let grant = grants[key] else { continue }
            if let first = grant.firstPush {
                reportIncomplete(
                    "incomplete-push", "docker push", grant, required: LintCatalog.push, trigger: LintCatalog.pushOnly, at: first)
            }
            if let first = grant.firstPull {
                reportIncomplete(
                    "incomplete-pull", "docker pull", grant, required: LintCatalog.pull, trigger: LintCatalog.pull, at: first)
            }
        }
    }

    private mutating func reportIncomplete(
        _ code: String, _ command: String, _ grant: Grant, required: ECRActionSet, trigger: ECRActionSet,
        at first: (statement: Statement, range: SourceRange)
    ) {
        let missing = required.subtracting(grant.actions)
        if missing.isEmpty { return }
        let present = grant.actions.intersection(trigger).names.map { "`\($0)`" }.joined(separator: ", ")
        let absent = missing.names.map { "`\($0)`" }.joined(separator: ", ")
        let subject = kind == .repository ? grant.who : "this policy"
        report(
            .warning, code,
            "\(subject) allows \(present) but not \(absent): `\(command)` will fail part-way",
            at: first.range,
            help: "add \(absent) to the Action list of \(first.statement.label), or remove the others if \(command) is not meant")
    }
}
