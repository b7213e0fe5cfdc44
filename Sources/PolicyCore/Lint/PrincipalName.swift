/// What an `AWS` principal value names, as IAM reads it, or why IAM would refuse it. Only the
/// shape: the evaluator has its own ARN model; the linter needs to know whether a value is valid
/// and whether it names one identity.
enum PrincipalName: Hashable, Sendable {
    case everyone
    case account
    case root
    case user
    case role
    case roleSession
    case federatedUser
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
        let utf8 = value.utf8
        if utf8.count == 1 && utf8.first == UInt8(ascii: "*") {
            self = .everyone
        } else if utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }) {
            self = .partialWildcard
        } else if value.hasPrefix("arn:") {
            self = PrincipalName(arn: value)
        } else if PrincipalName.isAccountID(value.utf8) {
            self = .account
        } else if (value.hasPrefix("AIDA") || value.hasPrefix("AROA")) && utf8.count >= 16
            && utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) })
        {
            self = .uniqueID
        } else if utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ") }) {
            self = .invalidAccount(value, utf8Range: nil)
        } else {
            self = .invalid(
                reason: "`\(value)` is neither an account id nor an IAM ARN",
                help: "write a 12-digit account id or an ARN like `arn:aws:iam::111122223333:user/NAME`")
        }
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, read through the UTF-8 view: principals are
    /// checked in every statement, and splitting into strings would allocate for each.
    private init(arn: String) {
        let utf8 = arn.utf8
        // The five colons that separate the six parts; the resource part may hold more.
        var colons = (utf8.startIndex, utf8.startIndex, utf8.startIndex, utf8.startIndex, utf8.startIndex)
        var found = 0
        var index = utf8.startIndex
        while index != utf8.endIndex, found < 5 {
            if utf8[index] == UInt8(ascii: ":") {
                switch found {
                case 0: colons.0 = index
                case 1: colons.1 = index
                case 2: colons.2 = index
                case 3: colons.3 = index
                default: colons.4 = index
                }
                found += 1
            }
            index = utf8.index(after: index)
        }
        guard found == 5 else {
            self = .invalid(
                reason: "`\(arn)` is not a complete ARN",
                help: "an IAM principal ARN has six parts: `arn:aws:iam::111122223333:user/NAME`")
            return
        }
        func between(_ start: String.Index, _ end: String.Index) -> Substring.UTF8View {
            arn[utf8.index(after: start)..<end].utf8
        }
        let partition = between(colons.0, colons.1)
        let service = between(colons.1, colons.2)
        let region = between(colons.2, colons.3)
        let account = between(colons.3, colons.4)
        let resource = between(colons.4, utf8.endIndex)
        guard partition.elementsEqual("aws".utf8) || partition.starts(with: "aws-".utf8) else {
            self = .invalid(
                reason: "`\(String(Substring(partition)))` in `\(arn)` is not an AWS partition", help: "start the ARN with `arn:aws:`")
            return
        }
        let isIAM = service.elementsEqual("iam".utf8)
        guard isIAM || service.elementsEqual("sts".utf8) else {
            self = .invalid(
                reason: "`\(arn)` is not an IAM or STS ARN, so it names no principal",
                help: "name a user or role: `arn:aws:iam::111122223333:user/NAME` or `…:role/NAME`")
            return
        }
        guard region.isEmpty else {
            self = .invalid(
                reason: "an IAM ARN has no Region, but `\(arn)` has `\(String(Substring(region)))`",
                help: "leave the Region empty: `arn:aws:\(String(Substring(service)))::…`")
            return
        }
        guard PrincipalName.isAccountID(account) else {
            let start = utf8.distance(from: utf8.startIndex, to: colons.3) + 1
            self = .invalidAccount(String(Substring(account)), utf8Range: start..<(start + account.count))
            return
        }
        // Resource: a type, then one or more non-empty names separated by `/`.
        let slash = UInt8(ascii: "/")
        let type = resource.prefix { $0 != slash }
        let names = resource.dropFirst(type.count)
        var nameCount = 0
        var hasEmptyName = false
        var previous = slash
        for byte in names.dropFirst() {
            if byte == slash && previous == slash { hasEmptyName = true }
            if byte == slash { nameCount += 1 }
            previous = byte
        }
        if !names.isEmpty {
            nameCount += 1
            if previous == slash { hasEmptyName = true }
        }
        let hasNames = nameCount >= 1 && !hasEmptyName
        switch (isIAM, Substring(type)) {
        case (true, "root") where names.isEmpty:
            self = .root
        case (true, "user") where hasNames:
            self = .user
        case (true, "role") where hasNames:
            self = .role
        case (false, "assumed-role") where hasNames && nameCount == 2:
            self = .roleSession
        case (false, "federated-user") where hasNames:
            self = .federatedUser
        case (true, "group"):
            self = .invalid(
                reason: "`\(arn)` is a group, and a group cannot be a principal",
                help: "name the users of the group, or a role they assume")
        case (true, _):
            let resourceText = String(Substring(resource))
            let accountText = String(Substring(account))
            self = .invalid(
                reason: "`\(resourceText)` in `\(arn)` is not `root`, `user/NAME` or `role/NAME`",
                help: "for a user write `arn:aws:iam::\(accountText):user/\(resourceText.isEmpty ? "NAME" : resourceText)`")
        case (false, _):
            let accountText = String(Substring(account))
            self = .invalid(
                reason: "`\(String(Substring(resource)))` in `\(arn)` is not `assumed-role/ROLE/SESSION` or `federated-user/NAME`",
                help: "for a role session write `arn:aws:sts::\(accountText):assumed-role/ROLE/SESSION`, or name the role: `arn:aws:iam::\(accountText):role/ROLE`")
        }
    }

    static func isAccountID<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.count == 12 && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
