import PolicyCore
/// What a policy task requires for one (principal, action, repository) request.
public struct GrantRequirement: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        case mustAllow, mustDeny, mayAllow
    }

    public var verdict: Verdict
    /// The row that decided it; nil when no row covers the request and least privilege says deny.
    public var row: ExpectedGrant?
}

extension PolicyCheck {
    /// Resolves the rows into one requirement, most specific first:
    /// 1. an `expect` row naming the action itself (`ecr:PutImage`);
    /// 2. an `expect: allow` row covering it through a group or pattern;
    /// 3. an `expect: deny` row covering it through a group or pattern;
    /// 4. a `mayAllow` row;
    /// 5. otherwise it must be denied (least privilege).
    /// `repository` nil means the lab's repository; account-scoped actions ignore it.
    public func requirement(principal: String, action: String, repository: String? = nil,
                            in pack: LabPack) -> GrantRequirement {
        let accountScoped = ECRActionNames.isAccountScoped(action)
        let target = repository ?? pack.defaults.repository
        func applies(_ row: ExpectedGrant) -> Bool {
            row.principal == principal && (accountScoped || (row.repository ?? pack.defaults.repository) == target)
        }
        let rows = expect.filter(applies)
        if let row = rows.first(where: { $0.actions.contains { $0.namesExactly(action) } }) {
            return GrantRequirement(verdict: row.expectation == .allow ? .mustAllow : .mustDeny, row: row)
        }
        for wanted in [ExpectedGrant.Expectation.allow, .deny] {
            if let row = rows.first(where: { $0.expectation == wanted && pack.covers($0.actions, action) }) {
                return GrantRequirement(verdict: wanted == .allow ? .mustAllow : .mustDeny, row: row)
            }
        }
        if let row = mayAllow.filter(applies).first(where: { pack.covers($0.actions, action) }) {
            return GrantRequirement(verdict: .mayAllow, row: row)
        }
        return GrantRequirement(verdict: .mustDeny, row: nil)
    }
}

extension ActionReference {
    func namesExactly(_ action: String) -> Bool {
        if case .action(let name) = self { return name.lowercased() == action.lowercased() }
        return false
    }
}

extension LabPack {
    /// The catalogued actions a list of references stands for, in catalogue order.
    public func expand(_ references: [ActionReference]) -> [String] {
        ECRActionNames.all.filter { covers(references, $0) }
    }

    func covers(_ references: [ActionReference], _ action: String) -> Bool {
        references.contains { reference in
            switch reference {
            case .action(let name): return name.lowercased() == action.lowercased()
            case .pattern(let pattern): return WildcardPattern(pattern, caseSensitive: false).matches(action)
            case .group(let name):
                return actionGroup(name)?.actions.contains { $0.lowercased() == action.lowercased() } ?? false
            }
        }
    }
}
