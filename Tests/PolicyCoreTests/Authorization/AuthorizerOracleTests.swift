import PolicyCore
import Testing

/// Random small policies and requests (no conditions), decided by `Authorizer` and by an oracle
/// written here straight from the reference: §2 (actions case-insensitive globs, resources
/// case-sensitive globs, principals in each form) and §4 (explicit deny wins; AND model; aws model
/// with same-account either side, account-only grants delegating, cross account both). The oracle
/// shares no code with the engine: globs are a dynamic-programming table, principals plain string
/// comparisons.
struct AuthorizerOracleTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    enum Kind { case user, session, service, anonymous }

    struct Caller {
        var arn: String
        var kind: Kind
        var account: String? = nil
        var roleName: String? = nil
    }

    /// One entry of a Principal element, as the oracle understands it.
    enum Entry {
        case everyone
        case account(String)
        case user(String)
        case role(account: String, name: String)
        case service(String)
    }

    struct Statement {
        var allow: Bool
        var actions: [String]
        var notAction = false
        var resource: String?
        /// Nil for identity statements; `[.everyone]` alone is written `"Principal": "*"`.
        var principals: [Entry]?
        var notPrincipal = false
        var principalJSON = ""
    }

    static let accountA = "111122223333"
    static let accountB = "444455556666"
    static let repoA = "arn:aws:ecr:us-east-1:111122223333:repository/app"
    static let repoB = "arn:aws:ecr:us-east-1:444455556666:repository/app"

    static let callers: [Caller] = [
        Caller(arn: "arn:aws:iam::111122223333:user/dev", kind: .user, account: accountA),
        Caller(arn: "arn:aws:iam::111122223333:user/ops", kind: .user, account: accountA),
        Caller(arn: "arn:aws:iam::444455556666:user/dev", kind: .user, account: accountB),
        Caller(arn: "arn:aws:sts::111122223333:assumed-role/ci/s1", kind: .session, account: accountA, roleName: "ci"),
        Caller(arn: "arn:aws:sts::444455556666:assumed-role/ci/s1", kind: .session, account: accountB, roleName: "ci"),
        Caller(arn: "codebuild.amazonaws.com", kind: .service),
        Caller(arn: "anonymous", kind: .anonymous),
    ]
    static let requestActions = ["ecr:PutImage", "ecr:BatchGetImage", "ecr:InitiateLayerUpload", "ecr:GetAuthorizationToken", "ECR:putimage"]
    static let actionPatterns = ["ecr:*", "ecr:PutImage", "ecr:putimage", "ecr:Batch*", "ecr:*Layer*", "*", "ecr:?utImage",
                                 "ecr:GetAuthorizationToken", "s3:*", "ecr:Put"]
    static let resourcePatterns = ["*", repoA, repoB, "arn:aws:ecr:*:111122223333:repository/*", "arn:aws:ecr:us-east-1:*",
                                   "arn:aws:ecr:us-east-1:111122223333:repository/APP"]
    static let awsEntries: [(String, Entry)] = [
        ("*", .everyone), (accountA, .account(accountA)), ("arn:aws:iam::444455556666:root", .account(accountB)),
        ("arn:aws:iam::111122223333:user/dev", .user("arn:aws:iam::111122223333:user/dev")),
        ("arn:aws:iam::444455556666:user/dev", .user("arn:aws:iam::444455556666:user/dev")),
        ("arn:aws:iam::111122223333:role/ci", .role(account: accountA, name: "ci")),
        ("arn:aws:iam::444455556666:role/ci", .role(account: accountB, name: "ci")),
    ]

    // MARK: the oracle

    /// Whole-string glob: `*` any run, `?` one character, everything else literal.
    static func glob(_ pattern: String, _ subject: String) -> Bool {
        let p = Array(pattern.unicodeScalars), s = Array(subject.unicodeScalars)
        var table = Array(repeating: Array(repeating: false, count: s.count + 1), count: p.count + 1)
        table[0][0] = true
        for i in p.indices.map({ $0 + 1 }) {
            for j in 0...s.count {
                switch p[i - 1] {
                case "*": table[i][j] = table[i - 1][j] || (j > 0 && table[i][j - 1])
                case "?": table[i][j] = j > 0 && table[i - 1][j - 1]
                default: table[i][j] = j > 0 && table[i - 1][j - 1] && p[i - 1] == s[j - 1]
                }
            }
        }
        return table[p.count][s.count]
    }

    static func entryMatches(_ entry: Entry, _ caller: Caller) -> Bool {
        switch entry {
        case .everyone: return true
        case .account(let account): return (caller.kind == .user || caller.kind == .session) && caller.account == account
        case .user(let arn): return caller.arn == arn
        case .role(let account, let name): return caller.kind == .session && caller.account == account && caller.roleName == name
        case .service(let name): return caller.kind == .service && caller.arn == name
        }
    }

    static func oracle(identities: [[Statement]], repository: [Statement]?, caller: Caller, action: String, resource: String,
                       model: EvaluationModel) -> (Decision.Outcome, [Decision.MissingAllow]) {
        let act = action.lowercased()
        let resourceFields = resource.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let isECRResource = resourceFields.count == 6 && resourceFields[0] == "arn" && resourceFields[2] == "ecr"
        let identityOnly = act == "ecr:getauthorizationtoken" || !isECRResource
        let hasIdentity = caller.kind == .user || caller.kind == .session
        func actionApplies(_ s: Statement) -> Bool {
            s.actions.contains { glob($0.lowercased(), act) } != s.notAction
        }
        var denied = false, identityAllows = false, repositoryAllows = false, repositoryNames = false
        if hasIdentity {
            for policy in identities {
                for s in policy where actionApplies(s) && glob(s.resource!, resource) {
                    if s.allow { identityAllows = true } else { denied = true }
                }
            }
        }
        if !identityOnly, let repository {
            for s in repository where actionApplies(s) && (s.resource.map { glob($0, resource) } ?? true) {
                let listed = s.principals!.contains { entryMatches($0, caller) }
                guard listed != s.notPrincipal else { continue }
                if !s.allow { denied = true; continue }
                repositoryAllows = true
                let named = s.principals!.contains { entry in
                    if case .account = entry { return false }
                    return entryMatches(entry, caller)
                }
                if named { repositoryNames = true }
            }
        }
        if denied { return (.explicitDeny, []) }
        let sameAccount = caller.account != nil && isECRResource && caller.account == String(resourceFields[4])
        let allowed: Bool
        if identityOnly {
            allowed = identityAllows
        } else if !hasIdentity {
            allowed = repositoryAllows
        } else if model == .aws && sameAccount {
            allowed = identityAllows || repositoryNames
        } else {
            allowed = identityAllows && repositoryAllows
        }
        if allowed { return (.allow, []) }
        var missing: [Decision.MissingAllow] = []
        // An account-level request has only an identity side, even for a caller without identity policies.
        if (hasIdentity || identityOnly) && !identityAllows { missing.append(.identity) }
        if !identityOnly && !repositoryAllows { missing.append(repository == nil ? .noRepositoryPolicy : .repository) }
        return (.implicitDeny, missing)
    }

    // MARK: random policies

    static func pick<T>(_ items: [T], _ rng: inout SplitMix64) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

    static func quoted(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

    static func randomStatement(repositorySide: Bool, _ rng: inout SplitMix64) -> Statement {
        let allow = Bool.random(using: &rng)
        let actions = (0..<Int.random(in: 1...2, using: &rng)).map { _ in pick(actionPatterns, &rng) }
        var s = Statement(allow: allow, actions: actions, notAction: Int.random(in: 0..<6, using: &rng) == 0)
        guard repositorySide else {
            s.resource = pick(resourcePatterns, &rng)
            return s
        }
        if Int.random(in: 0..<3, using: &rng) == 0 { s.resource = pick(["*", repoA, repoB], &rng) }
        // NotPrincipal only with Deny, where the reference gives it a meaning.
        s.notPrincipal = !allow && Int.random(in: 0..<4, using: &rng) == 0
        if !s.notPrincipal && Int.random(in: 0..<6, using: &rng) == 0 {
            s.principals = [.everyone]
            s.principalJSON = #""*""#
            return s
        }
        let chosen = (0..<Int.random(in: 1...2, using: &rng)).map { _ in pick(awsEntries, &rng) }
        var parts = [#""AWS": \#(quoted(chosen.map(\.0)))"#]
        s.principals = chosen.map(\.1)
        if Int.random(in: 0..<4, using: &rng) == 0 {
            parts.append(#""Service": "codebuild.amazonaws.com""#)
            s.principals!.append(.service("codebuild.amazonaws.com"))
        }
        s.principalJSON = "{" + parts.joined(separator: ", ") + "}"
        return s
    }

    static func json(_ statements: [Statement], version: String) -> String {
        let body = statements.map { s in
            var fields = [#""Effect": "\#(s.allow ? "Allow" : "Deny")""#, #""\#(s.notAction ? "NotAction" : "Action")": \#(quoted(s.actions))"#]
            if s.principals != nil { fields.append(#""\#(s.notPrincipal ? "NotPrincipal" : "Principal")": \#(s.principalJSON)"#) }
            if let resource = s.resource { fields.append(#""Resource": "\#(resource)""#) }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        return #"{"Version": "\#(version)", "Statement": [\#(body.joined(separator: ", "))]}"#
    }

    @Test func authorizerAgreesWithTheOracle() throws {
        var rng = SplitMix64(state: 20_240_917)
        var disagreements: [String] = []
        var seen: [EvaluationModel: [Decision.Outcome: Int]] = [:]
        var modelsDiffer = 0
        for index in 0..<2_000 {
            let identities = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                (0..<Int.random(in: 1...3, using: &rng)).map { _ in Self.randomStatement(repositorySide: false, &rng) }
            }
            let repository: [Statement]? = Int.random(in: 0..<5, using: &rng) == 0
                ? nil : (0..<Int.random(in: 1...3, using: &rng)).map { _ in Self.randomStatement(repositorySide: true, &rng) }
            let caller = Self.pick(Self.callers, &rng)
            let action = Self.pick(Self.requestActions, &rng)
            let resource = action.hasSuffix("GetAuthorizationToken") ? "*" : Self.pick([Self.repoA, Self.repoA, Self.repoB, "*"], &rng)

            let compiledIdentities = try identities.enumerated().map { i, statements in
                try CompiledPolicy.compile(name: "identity\(i)", text: Self.json(statements, version: "2012-10-17"), side: .identity).get()
            }
            let compiledRepository = try repository.map {
                try CompiledPolicy.compile(name: "repository", text: Self.json($0, version: "2008-10-17"), side: .repository).get()
            }
            let request = AuthorizationRequest(principal: try #require(PrincipalIdentity(caller.arn)), action: action, resource: resource)
            var outcomes: [Decision.Outcome] = []
            for model in EvaluationModel.allCases {
                let decision = Authorizer(identityPolicies: compiledIdentities, repositoryPolicy: compiledRepository, model: model).decide(request)
                let expected = Self.oracle(identities: identities, repository: repository, caller: caller, action: action, resource: resource, model: model)
                seen[model, default: [:]][decision.outcome, default: 0] += 1
                outcomes.append(decision.outcome)
                if decision.outcome != expected.0 || decision.missing != expected.1 {
                    disagreements.append(
                        "case \(index) \(model.rawValue): \(caller.arn) \(action) on \(resource): engine \(decision.outcome) \(decision.missing), oracle \(expected.0) \(expected.1); identity \(identities.map { Self.json($0, version: "2012-10-17") }) repository \(repository.map { Self.json($0, version: "2008-10-17") } ?? "none")")
                }
            }
            if outcomes[0] != outcomes[1] { modelsDiffer += 1 }
        }
        // The generator must reach every outcome in both models, and cases where they differ, or
        // agreement would prove little.
        for model in EvaluationModel.allCases {
            for outcome in [Decision.Outcome.allow, .explicitDeny, .implicitDeny] {
                #expect(seen[model]?[outcome] ?? 0 >= 100, "\(model.rawValue) \(outcome): \(seen[model]?[outcome] ?? 0) cases")
            }
        }
        #expect(modelsDiffer >= 50, "only \(modelsDiffer) cases where the models differ")
        // Only the count goes into the expectation: the macro would print the whole list otherwise.
        let disagreementCount = disagreements.count
        #expect(disagreementCount == 0, "first disagreements: \(disagreements.prefix(3).joined(separator: "\n"))")
    }

    @Test func oracleGlobIsItselfRight() {
        #expect(Self.glob("ecr:*layer*", "ecr:initiatelayerupload"))
        #expect(Self.glob("a?c", "abc") && !Self.glob("a?c", "ac"))
        #expect(Self.glob("*", "") && !Self.glob("", "a") && Self.glob("", ""))
        #expect(!Self.glob("ecr:put", "ecr:putimage"))
    }
}
