import PolicyCore
import Foundation
import Yams

extension PackLoader {
    /// Reads lab.yaml into the loader's shared state; returns the pack's title.
    func loadManifest(_ document: YAMLDocument) -> String? {
        let reader = NodeReader(file: document.file, diagnostics: diagnostics)
        guard let top = reader.mapping(document.root, "lab.yaml",
                                       allowed: ["title", "objectives", "defaults", "principals", "probes", "groups", "tasks"])
        else { return nil }
        let title = top.required("title").flatMap { reader.string($0, "`title`") }
        if let node = top.required("objectives") { loadObjectives(node, reader) }
        if let node = top.required("defaults") { loadDefaults(node, reader) }
        if let node = top.required("groups") { loadGroups(node, reader) }
        if let node = top.required("principals") {
            principals = loadPrincipals(node, reader, what: "`principals`", taken: [])
        }
        if let node = top.optional("probes"), let names = reader.strings(node, "`probes`") {
            let defined = Set(principals.map(\.name))
            for (name, nameNode) in names {
                if defined.contains(name) { probes.append(name) } else {
                    reader.report(nameNode, "probe `\(name)` is not a principal defined in `principals`")
                }
            }
        }
        if let node = top.required("tasks"), let ids = reader.strings(node, "`tasks`") {
            setTaskOrder(ids)
        }
        return title
    }

    private func loadObjectives(_ node: Node, _ reader: NodeReader) {
        guard let items = reader.sequence(node, "`objectives`") else { return }
        var ids = Set(objectives.map(\.id))
        for item in items {
            guard let entry = reader.mapping(item, "an objective", allowed: ["id", "text"]),
                  let id = entry.required("id").flatMap({ reader.string($0, "objective `id`") }),
                  let text = entry.required("text").flatMap({ reader.string($0, "objective `text`") })
            else { continue }
            if ids.contains(id) {
                reader.report(entry.optional("id"), "objective `\(id)` is defined twice")
            } else if !Self.isName(id) {
                reader.report(entry.optional("id"), "objective id `\(id)` must use lower-case letters, digits and `-`")
            } else {
                ids.insert(id)
                objectives.append(Objective(id: id, text: text))
            }
        }
        if objectives.isEmpty && items.isEmpty { reader.report(node, "`objectives` is empty; list at least one") }
    }

    private func loadDefaults(_ node: Node, _ reader: NodeReader) {
        guard let map = reader.mapping(node, "`defaults`", allowed: ["account", "region", "repository"]) else { return }
        if let node = map.required("account"), let account = reader.string(node, "`account`") {
            if account.count == 12 && account.allSatisfy(\.isASCII) && account.allSatisfy(\.isNumber) {
                defaults.account = account
            } else {
                reader.report(node, "account id `\(account)` must be 12 digits; quote it so YAML keeps it as text")
            }
        }
        if let node = map.required("region"), let region = reader.string(node, "`region`") {
            if region.range(of: #"^[a-z]{2}(-[a-z]+)+-[0-9]$"#, options: .regularExpression) != nil {
                defaults.region = region
            } else {
                reader.report(node, "region `\(region)` is not a region name such as `us-east-1`")
            }
        }
        if let node = map.required("repository"), let name = reader.string(node, "`repository`") {
            if Self.isRepositoryName(name) { defaults.repository = name } else {
                reader.report(node, "repository name `\(name)` is not valid: use lower-case letters, digits, `.`, `_`, `-` and `/`")
            }
        }
    }

    static func isRepositoryName(_ name: String) -> Bool {
        name.range(of: #"^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$"#, options: .regularExpression) != nil
    }

    private func loadGroups(_ node: Node, _ reader: NodeReader) {
        guard let entries = reader.namedEntries(node, "`groups`") else { return }
        for (name, keyNode, value) in entries {
            guard Self.isName(name) else {
                reader.report(keyNode, "group name `\(name)` must use lower-case letters, digits and `-`")
                continue
            }
            guard let map = reader.mapping(value, "group `\(name)`", allowed: ["about", "actions"]) else { continue }
            let about = map.required("about").flatMap { reader.string($0, "`about`") } ?? ""
            var actions: [String] = []
            if let list = map.required("actions").flatMap({ reader.strings($0, "`actions` of group `\(name)`") }) {
                for (action, actionNode) in list {
                    if let canonical = ECRActionNames.canonical(action) { actions.append(canonical) } else {
                        reader.report(actionNode, Self.unknownAction(action))
                    }
                }
                if list.isEmpty { reader.report(value, "group `\(name)` has no actions") }
            }
            groups.append(ActionGroup(name: name, about: about, actions: actions))
        }
    }

    static func unknownAction(_ action: String) -> String {
        let suggestion = ClosestMatch.find(action, in: ECRActionNames.all)
        let hint = suggestion.map { "; did you mean `\($0)`?" } ?? ""
        return "`\(action)` is not an ECR action\(hint)"
    }

    /// Principals from lab.yaml or a task's `localPrincipals`; `taken` holds names already in use.
    func loadPrincipals(_ node: Node, _ reader: NodeReader, what: String, taken: Set<String>) -> [PrincipalDefinition] {
        guard let entries = reader.namedEntries(node, what) else { return [] }
        var result: [PrincipalDefinition] = []
        for (name, keyNode, value) in entries {
            guard Self.isName(name) else {
                reader.report(keyNode, "principal name `\(name)` must use lower-case letters, digits and `-`")
                continue
            }
            if taken.contains(name) {
                reader.report(keyNode, "principal `\(name)` is already defined in lab.yaml; pick another name")
                continue
            }
            if let principal = loadPrincipal(name, value, reader) { result.append(principal) }
        }
        return result
    }

    private func loadPrincipal(_ name: String, _ node: Node, _ reader: NodeReader) -> PrincipalDefinition? {
        guard let map = reader.mapping(node, "principal `\(name)`",
                                       allowed: ["about", "arn", "service", "anonymous", "identity", "context"])
        else { return nil }
        let about = map.required("about").flatMap { reader.string($0, "`about`") } ?? ""
        let forms = ["arn", "service", "anonymous"].filter { map.optional($0) != nil }
        guard forms.count == 1 else {
            reader.report(node, "principal `\(name)` needs exactly one of `arn`, `service` or `anonymous`")
            return nil
        }
        var identity: PrincipalDefinition.Identity
        if let arnNode = map.optional("arn") {
            guard let arn = reader.string(arnNode, "`arn`") else { return nil }
            guard Self.isPrincipalARNTemplate(arn) else {
                reader.report(arnNode, "`\(arn)` is not a user, role session or account ARN such as `arn:aws:iam::{account}:user/NAME`")
                return nil
            }
            identity = .arn(arn)
        } else if let serviceNode = map.optional("service") {
            guard let service = reader.string(serviceNode, "`service`") else { return nil }
            guard service.hasSuffix(".amazonaws.com") else {
                reader.report(serviceNode, "service principal `\(service)` must end in `.amazonaws.com`")
                return nil
            }
            identity = .service(service)
        } else {
            guard let anonymousNode = map.optional("anonymous"), reader.bool(anonymousNode, "`anonymous`") == true else {
                reader.report(map.optional("anonymous"), "`anonymous` can only be `true`; leave it out otherwise")
                return nil
            }
            identity = .anonymous
        }
        var identityFiles: [String] = []
        if let list = map.optional("identity").flatMap({ reader.strings($0, "`identity`") }) {
            if case .arn = identity {} else if !list.isEmpty {
                reader.report(map.optional("identity"), "only users, roles and accounts have identity policies; remove `identity` from `\(name)`")
            }
            for (file, fileNode) in list {
                identityPolicy(file, reader, fileNode)
                identityFiles.append(file)
            }
        }
        var context: [PrincipalDefinition.ContextEntry] = []
        if let contextNode = map.optional("context"), let entries = reader.namedEntries(contextNode, "`context`") {
            for (key, keyNode, value) in entries {
                guard key.contains(":") else {
                    reader.report(keyNode, "context key `\(key)` needs its prefix, e.g. `aws:SourceArn`")
                    continue
                }
                if case .sequence = value {
                    let values = reader.strings(value, "`\(key)`")?.map(\.0) ?? []
                    context.append(.init(key: key, values: values))
                } else if let single = reader.string(value, "`\(key)`") {
                    context.append(.init(key: key, values: [single]))
                }
            }
        }
        return PrincipalDefinition(name: name, about: about, identity: identity, identityPolicies: identityFiles, context: context)
    }

    static func isPrincipalARNTemplate(_ arn: String) -> Bool {
        let account = #"(\{account\}|[0-9]{12})"#
        let name = #"[A-Za-z0-9+=,.@_/-]+"#
        let patterns = [
            "^arn:aws:iam::\(account):(user|role)/\(name)$",
            "^arn:aws:iam::\(account):root$",
            "^arn:aws:sts::\(account):assumed-role/[A-Za-z0-9+=,.@_-]+/[A-Za-z0-9+=,.@_-]+$",
        ]
        return patterns.contains { arn.range(of: $0, options: .regularExpression) != nil }
    }

    private func setTaskOrder(_ ids: [(String, Node)]) {
        taskOrderNodes = ids
    }
}
