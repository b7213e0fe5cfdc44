/// What an `AWS` principal value names, as IAM reads it, or why IAM would refuse it.
enum PrincipalName: Hashable, Sendable {
    case everyone
    case account(String)
    case root(account: String)
    case user(account: String, name: String)
    case role(account: String, name: String)
    case roleSession(account: String, role: String)
    case federatedUser(account: String)
    /// An IAM unique id (`AIDA…`, `AROA…`): what AWS shows once the user or role was deleted.
    case uniqueID
    /// A `*` or `?` inside a value: IAM accepts wildcards in principals only as the whole `"*"`.
    case partialWildcard
    /// An account id that is not 12 digits; `utf8Range` locates it inside an ARN.
    case invalidAccount(String, utf8Range: Range<Int>?)
    case invalid(reason: String, help: String)

    /// One user, one role, or sessions of one role: the principals a least-privilege grant names.
    var isSingleIdentity: Bool {
        switch self {
        case .user, .role, .roleSession: true
        default: false
        }
    }

    init(aws value: String) {
        if value == "*" {
            self = .everyone
        } else if value.contains("*") || value.contains("?") {
            self = .partialWildcard
        } else if value.hasPrefix("arn:") {
            self = PrincipalName(arn: value)
        } else if PrincipalName.isAccountID(value) {
            self = .account(value)
        } else if (value.hasPrefix("AIDA") || value.hasPrefix("AROA")) && value.count >= 16
            && value.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        {
            self = .uniqueID
        } else if value.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "-" || $0 == " " }) {
            self = .invalidAccount(value, utf8Range: nil)
        } else {
            self = .invalid(
                reason: "`\(value)` is neither an account id nor an IAM ARN",
                help: "write a 12-digit account id or an ARN like `arn:aws:iam::111122223333:user/NAME`")
        }
    }

    private init(arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else {
            self = .invalid(
                reason: "`\(arn)` is not a complete ARN",
                help: "an IAM principal ARN has six parts: `arn:aws:iam::111122223333:user/NAME`")
            return
        }
        let (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], String(parts[4]), parts[5])
        guard partition == "aws" || partition.hasPrefix("aws-") else {
            self = .invalid(reason: "`\(partition)` in `\(arn)` is not an AWS partition", help: "start the ARN with `arn:aws:`")
            return
        }
        guard service == "iam" || service == "sts" else {
            self = .invalid(
                reason: "`\(arn)` is not an IAM or STS ARN, so it names no principal",
                help: "name a user or role: `arn:aws:iam::111122223333:user/NAME` or `…:role/NAME`")
            return
        }
        guard region.isEmpty else {
            self = .invalid(reason: "an IAM ARN has no Region, but `\(arn)` has `\(region)`", help: "leave the Region empty: `arn:aws:\(service)::…`")
            return
        }
        guard PrincipalName.isAccountID(account) else {
            let start = parts[0].utf8.count + parts[1].utf8.count + parts[2].utf8.count + parts[3].utf8.count + 4
            self = .invalidAccount(account, utf8Range: start..<(start + account.utf8.count))
            return
        }
        let segments = resource.split(separator: "/", omittingEmptySubsequences: false)
        let hasNames = segments.count >= 2 && !segments.dropFirst().contains { $0.isEmpty }
        switch (service, segments.first ?? "") {
        case ("iam", "root") where segments.count == 1:
            self = .root(account: account)
        case ("iam", "user") where hasNames:
            self = .user(account: account, name: String(segments.last!))
        case ("iam", "role") where hasNames:
            self = .role(account: account, name: String(segments.last!))
        case ("sts", "assumed-role") where hasNames && segments.count == 3:
            self = .roleSession(account: account, role: String(segments[1]))
        case ("sts", "federated-user") where hasNames:
            self = .federatedUser(account: account)
        case ("iam", "group"):
            self = .invalid(
                reason: "`\(arn)` is a group, and a group cannot be a principal",
                help: "name the users of the group, or a role they assume")
        default:
            let example = "arn:aws:iam::\(account):user/\(resource.isEmpty ? "NAME" : resource)"
            self = .invalid(
                reason: "`\(resource)` in `\(arn)` is not `root`, `user/NAME` or `role/NAME`",
                help: service == "iam" ? "for a user write `\(example)`" : "use `arn:aws:sts::\(account):assumed-role/ROLE/SESSION`")
        }
    }

    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
