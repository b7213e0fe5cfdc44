import Foundation

/// The workshop as data: `labs/lab.yaml`, one folder per task, and the reference answers in `solutions/`.
/// Load it with `LabPack.load(from:)`; adding a task needs no Swift code.
public struct LabPack: Sendable {
    /// The `labs/` folder and the `solutions/` folder the pack was read from.
    public var labsFolder: URL
    public var solutionsFolder: URL
    public var title: String
    public var objectives: [Objective]
    public var defaults: LabDefaults
    /// Principals every task may name, in the order lab.yaml lists them.
    public var principals: [PrincipalDefinition]
    /// Principals a policy task's grader always adds to the task's own, so over-grants become visible.
    public var probes: [String]
    public var actionGroups: [ActionGroup]
    /// `labs/identities/*.json` by file name: identity policies attached to principals and used in scenarios.
    public var identityPolicies: [String: TextFile]
    /// `labs/policies/*.json` by file name: repository policies put in place by tasks and scenarios.
    public var repositoryPolicies: [String: TextFile]
    /// The tasks in the order learners take them.
    public var tasks: [LabTask]

    public func task(_ id: String) -> LabTask? { tasks.first { $0.id == id } }

    public func objective(_ id: String) -> Objective? { objectives.first { $0.id == id } }

    public func actionGroup(_ name: String) -> ActionGroup? { actionGroups.first { $0.name == name } }

    /// A shared principal, or one the task defines for itself.
    public func principal(_ name: String, in task: LabTask? = nil) -> PrincipalDefinition? {
        task?.localPrincipals.first { $0.name == name } ?? principals.first { $0.name == name }
    }

    /// Every principal a policy task is graded against: the ones it names, its own, then the probes.
    /// An identity task grades only the principal the learner's policy is attached to: that policy changes
    /// nothing for anyone else.
    public func gradedPrincipals(for task: LabTask) -> [PrincipalDefinition] {
        if case .policy(let check) = task.check, check.policyKind == .identity, let name = check.attachTo {
            return principal(name, in: task).map { [$0] } ?? []
        }
        var names: [String] = []
        for name in task.principals + task.localPrincipals.map(\.name) + probes where !names.contains(name) {
            names.append(name)
        }
        return names.compactMap { principal($0, in: task) }
    }

    /// The environment tasks are rendered for: the learner's own account id, or the pack's default.
    public func environment(account: String? = nil) -> LabEnvironment {
        LabEnvironment(defaults: defaults, account: account ?? defaults.account)
    }

    /// Account ids the pack uses for "another account"; a learner must not pick one as their own.
    public var reservedAccounts: Set<String> {
        var result = Set<String>()
        for principal in principals + tasks.flatMap(\.localPrincipals) {
            if case .arn(let template) = principal.identity {
                let parts = template.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count > 4, parts[4].count == 12, parts[4].allSatisfy(\.isNumber) { result.insert(String(parts[4])) }
            }
        }
        return result
    }
}

public struct Objective: Sendable, Hashable {
    public var id: String
    public var text: String
}

public struct LabDefaults: Sendable, Hashable {
    public var account: String
    public var region: String
    public var repository: String
}

/// The values that `{account}`, `{region}` and `{repository}` stand for, and how lab-owned policy files
/// (written for the default account) are re-targeted at the learner's account.
public struct LabEnvironment: Sendable, Hashable {
    public var defaults: LabDefaults
    public var account: String
    public var region: String { defaults.region }
    public var repository: String { defaults.repository }

    public init(defaults: LabDefaults, account: String) {
        self.defaults = defaults
        self.account = account
    }

    /// Expands the placeholders of a template from YAML or Markdown (principal ARNs, context values,
    /// instructions, hints).
    public func expand(_ template: String) -> String {
        template
            .replacingOccurrences(of: "{account}", with: account)
            .replacingOccurrences(of: "{region}", with: region)
            .replacingOccurrences(of: "{repository}", with: repository)
    }

    /// A lab-owned policy (starter, solution, identity or repository policy file) as it reads for this
    /// learner: those files are real policies for the default account, so the default id is swapped.
    public func retarget(policyText text: String) -> String {
        account == defaults.account ? text : text.replacingOccurrences(of: defaults.account, with: account)
    }

    /// `arn:aws:ecr:REGION:ACCOUNT:repository/NAME` for a repository of the learner's account.
    public func repositoryARN(_ name: String? = nil) -> String {
        "arn:aws:ecr:\(region):\(account):repository/\(name ?? repository)"
    }
}

/// A file of the pack, read at load time so grading never touches the disk again.
public struct TextFile: Sendable, Hashable {
    /// Path relative to the folder holding `labs/` and `solutions/`, e.g. `labs/04-ci-push-pull/starter.json`.
    public var path: String
    public var text: String

    public var fileName: String { String(path.split(separator: "/").last ?? Substring(path)) }
    /// The extension a learner's work copy keeps (`json`, `yaml`).
    public var fileExtension: String { fileName.split(separator: ".").count > 1 ? String(fileName.split(separator: ".").last!) : "" }
}
