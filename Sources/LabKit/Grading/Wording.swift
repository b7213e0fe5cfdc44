import PolicyCore

/// Small pieces of feedback text shared by the graders.
enum Wording {
    /// `a`, `a and b`, `a, b and c`; past `limit` items: `a, b, c, d, e and 12 more`.
    static func list(_ items: [String], limit: Int = 6) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        if items.count > limit {
            return items.prefix(limit - 1).joined(separator: ", ") + " and \(items.count - limit + 1) more"
        }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// "`AllowAll` (line 4)", or several of them.
    static func statements(_ references: [StatementReference]) -> String {
        list(unique(references).map { "`\($0.statementName)` (line \($0.line))" }, limit: 4)
    }

    static func unique(_ references: [StatementReference]) -> [StatementReference] {
        var seen = Set<String>()
        return references.filter { seen.insert("\($0.policyName)#\($0.statementIndex)").inserted }
            .sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Most harmful first: taking over or deleting the repository, then writing, then reading.
    static func byHarm(_ actions: [String]) -> [String] {
        func rank(_ action: String) -> Int {
            switch ECRCatalog.action(named: action)?.accessLevel {
            case "Permissions management": return 0
            case "Write": return action.contains("Delete") ? 1 : 2
            case "Tagging": return 3
            case "Read": return 4
            default: return 5
            }
        }
        return actions.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// What a principal can do, as a learner thinks of it: whole groups by name (`push and pull`), most
    /// harmful group first, then `call` and the remaining actions, most harmful first.
    static func actions(_ actions: [String], groups: [ActionGroup]) -> String {
        var rest = actions
        var names: [String] = []
        for group in groups.reversed() where !group.actions.isEmpty && group.actions.allSatisfy({ rest.contains($0) }) {
            names.append(group.name)
            rest.removeAll { group.actions.contains($0) }
        }
        if names.isEmpty { return "call \(list(byHarm(rest)))" }
        if rest.isEmpty { return list(names) }
        return "\(list(names)), and call \(list(byHarm(rest), limit: 4))"
    }

    static func location(_ reference: StatementReference?) -> CheckLocation? {
        reference.map { CheckLocation(file: $0.policyName, line: $0.line, column: $0.column) }
    }
}
