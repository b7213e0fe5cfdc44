import PolicyCore
import Foundation
import Yams

/// Reads a task's `check` block, whose keys depend on the task's kind.
struct CheckLoader {
    let pack: PackLoader
    let reader: NodeReader
    let file: String
    let knownPrincipals: Set<String>
    let groupNames: Set<String>
    let localPrincipals: [PrincipalDefinition]
    let taskID: String

    func load(kind: TaskKind, node: Node, solution: TextFile?) -> TaskCheck? {
        switch kind {
        case .policy: return loadPolicy(node, solution).map(TaskCheck.policy)
        case .predict: return loadPredict(node, solution).map(TaskCheck.predict)
        case .quiz: return loadQuiz(node, solution).map(TaskCheck.quiz)
        case .apply: return loadApply(node, solution).map(TaskCheck.apply)
        }
    }

    func principal(_ node: Node, _ what: String) -> String? {
        guard let name = reader.string(node, what) else { return nil }
        guard knownPrincipals.contains(name) else {
            reader.report(node, "unknown principal `\(name)`; list it in the task's `principals` or `localPrincipals`")
            return nil
        }
        return name
    }

    func action(_ node: Node, _ what: String) -> String? {
        guard let name = reader.string(node, what) else { return nil }
        guard let canonical = ECRActionNames.canonical(name) else {
            reader.report(node, PackLoader.unknownAction(name))
            return nil
        }
        return canonical
    }

    func isServicePrincipal(_ name: String) -> Bool {
        guard let definition = localPrincipals.first(where: { $0.name == name }) ?? pack.principals.first(where: { $0.name == name })
        else { return false }
        if case .service = definition.identity { return true }
        return false
    }

    // MARK: policy

    private func loadPolicy(_ node: Node, _ solution: TextFile?) -> PolicyCheck? {
        guard let map = reader.mapping(node, "`check` of a policy task",
                                       allowed: ["policyKind", "attachTo", "repositories", "expect", "mayAllow", "lint"])
        else { return nil }
        let kind = map.required("policyKind").flatMap {
            reader.choice($0, "`policyKind`", as: PolicyCheck.PolicyKind.self, PolicyCheck.PolicyKind.allCases)
        }
        var attachTo: String?
        var repositories: [RepositorySetup] = []
        if kind == .identity {
            attachTo = map.required("attachTo").flatMap { self.principal($0, "`attachTo`") }
            if let name = attachTo, isServicePrincipal(name) {
                reader.report(map.optional("attachTo"), "`\(name)` is a service principal; identity policies attach to users and roles")
            }
            if let node = map.required("repositories"), let entries = reader.namedEntries(node, "`repositories`") {
                for (name, keyNode, value) in entries {
                    if !PackLoader.isRepositoryName(name) { reader.report(keyNode, "repository name `\(name)` is not valid") }
                    var policy: String?
                    if !NodeReader.isNull(value), let file = reader.string(value, "the policy of `\(name)`") {
                        pack.repositoryPolicy(file, reader, value)
                        policy = file
                    }
                    repositories.append(RepositorySetup(name: name, policy: policy, holdsLearnerPolicy: false))
                }
                if !repositories.contains(where: { $0.name == pack.defaults.repository }) {
                    reader.report(node, "`repositories` must include the lab's repository `\(pack.defaults.repository)`")
                }
            }
        } else if kind == .repository {
            for key in ["attachTo", "repositories"] where map.optional(key) != nil {
                reader.report(map.keyNode(key), "`\(key)` is only for identity-policy tasks; the learner's policy goes on `\(pack.defaults.repository)`")
            }
            repositories = [RepositorySetup(name: pack.defaults.repository, policy: nil, holdsLearnerPolicy: true)]
        }
        let repositoryNames = Set(repositories.map(\.name))
        let expect = map.required("expect").map { grantRows($0, "`expect`", withResult: true, repositories: repositoryNames) } ?? []
        if let node = map.optional("expect"), case .sequence(let rows) = node, rows.isEmpty {
            reader.report(node, "`expect` needs at least one row")
        }
        let mayAllow = map.optional("mayAllow").map { grantRows($0, "`mayAllow`", withResult: false, repositories: repositoryNames) } ?? []
        reportConflicts(expect)
        var lint = LintGate.allCases
        if let node = map.optional("lint"), let list = reader.strings(node, "`lint`") {
            lint = list.compactMap { name, nameNode in
                reader.choice(nameNode, "lint gate", as: LintGate.self, LintGate.allCases)
            }
        }
        if let solution, solution.fileExtension != "json" {
            reader.report(map.node, "the solution of a policy task must be a `.json` policy, not `\(solution.fileName)`")
        } else if let solution, (try? JSONSerialization.jsonObject(with: Data(solution.text.utf8))) == nil {
            reader.report(map.node, "solution `\(solution.path)` is not valid JSON")
        }
        guard let kind else { return nil }
        return PolicyCheck(policyKind: kind, attachTo: attachTo, repositories: repositories, expect: expect,
                           mayAllow: mayAllow, lint: lint)
    }

    private func grantRows(_ node: Node, _ what: String, withResult: Bool, repositories: Set<String>) -> [ExpectedGrant] {
        guard let items = reader.sequence(node, what) else { return [] }
        let repositoryNames = repositories.sorted()
        var keys = ["principal", "actions", "repository", "because"]
        if withResult { keys.append("result") }
        return items.compactMap { (item: Node) -> ExpectedGrant? in
            guard let row = reader.mapping(item, "a row of \(what)", allowed: keys) else { return nil }
            let principal = row.required("principal").flatMap { self.principal($0, "`principal`") }
            let actions = row.required("actions").map { actionReferences($0) } ?? []
            var expectation = ExpectedGrant.Expectation.mayAllow
            if withResult {
                guard let node = row.required("result") else { return nil }
                switch reader.string(node, "`result`") {
                case "allow": expectation = .allow
                case "deny": expectation = .deny
                case let other?: reader.report(node, "`result` `\(other)` is not one of: allow, deny"); return nil
                case nil: return nil
                }
            }
            var repository: String?
            if let node = row.optional("repository"), let name = reader.string(node, "`repository`") {
                if repositories.contains(name) { repository = name } else {
                    reader.report(node, "repository `\(name)` does not exist in this task; use one of: \(NodeReader.listing(repositoryNames))")
                }
            }
            let because = row.optional("because").flatMap { reader.string($0, "`because`") }
            guard let principal, !actions.isEmpty else { return nil }
            return ExpectedGrant(principal: principal, actions: actions, expectation: expectation, repository: repository,
                                 because: because, location: pack.location(file, item))
        }
    }

    private func actionReferences(_ node: Node) -> [ActionReference] {
        guard let list = reader.strings(node, "`actions`") else { return [] }
        if list.isEmpty { reader.report(node, "`actions` is empty; name actions or groups") }
        return list.compactMap { name, nameNode in
            if name.contains("*") || name.contains("?") {
                guard ECRActionNames.all.contains(where: { WildcardPattern(name, caseSensitive: false).matches($0) }) else {
                    reader.report(nameNode, "pattern `\(name)` matches no ECR action")
                    return nil
                }
                return .pattern(name)
            }
            if name.contains(":") {
                guard let canonical = ECRActionNames.canonical(name) else {
                    reader.report(nameNode, PackLoader.unknownAction(name))
                    return nil
                }
                return .action(canonical)
            }
            guard groupNames.contains(name) else {
                reader.report(nameNode, "unknown action group `\(name)`; lab.yaml defines: \(NodeReader.listing(pack.groups.lazy.map(\.name)))")
                return nil
            }
            return .group(name)
        }
    }

    /// The same action named outright as both allowed and denied cannot be graded.
    private func reportConflicts(_ rows: [ExpectedGrant]) {
        var seen: [String: ExpectedGrant.Expectation] = [:]
        for row in rows {
            for case .action(let name) in row.actions {
                let key = "\(row.principal)|\(row.repository ?? "")|\(name)"
                if let earlier = seen[key], earlier != row.expectation {
                    reader.diagnostics.add(LabDiagnostic(file: file, line: row.location.line, column: row.location.column,
                                                         message: "`\(row.principal)` is expected both to be allowed and denied `\(name)`"))
                }
                seen[key] = row.expectation
            }
        }
    }
}
