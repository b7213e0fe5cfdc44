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
        var bytes = value
        self = bytes.withUTF8 { PrincipalName(aws: value, utf8: $0) }
    }

    private init(aws value: String, utf8: UnsafeBufferPointer<UInt8>) {
        if utf8.count == 1 && utf8[0] == UInt8(ascii: "*") {
            self = .everyone
        } else if utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }) {
            self = .partialWildcard
        } else if utf8.starts(with: "arn:".utf8) {
            self = PrincipalName(arn: value, utf8: utf8)
        } else if PrincipalName.isAccountID(utf8) {
            self = .account
        } else if (utf8.starts(with: "AIDA".utf8) || utf8.starts(with: "AROA".utf8)) && utf8.count >= 16
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

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, read from its bytes: principals are checked
    /// in every statement, and strings would allocate for each part. Strings are made only for
    /// messages.
    private init(arn: String, utf8: UnsafeBufferPointer<UInt8>) {
        // Offsets of the five colons that separate the six parts; the resource may hold more.
        var colons = (0, 0, 0, 0, 0)
        var found = 0
        var position = 0
        while position < utf8.count, found < 5 {
            if utf8[position] == UInt8(ascii: ":") {
                switch found {
                case 0: colons.0 = position
                case 1: colons.1 = position
                case 2: colons.2 = position
                case 3: colons.3 = position
                default: colons.4 = position
                }
                found += 1
            }
            position += 1
        }
        guard found == 5 else {
            self = .invalid(
                reason: "`\(arn)` is not a complete ARN",
                help: "an IAM principal ARN has six parts: `arn:aws:iam::111122223333:user/NAME`")
            return
        }
        func part(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: utf8[(from + 1)..<to]) }
        func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        let partition = part(colons.0, colons.1)
        let service = part(colons.1, colons.2)
        let region = part(colons.2, colons.3)
        let account = part(colons.3, colons.4)
        let resource = part(colons.4, utf8.count)
        guard partition.elementsEqual("aws".utf8) || partition.starts(with: "aws-".utf8) else {
            self = .invalid(reason: "`\(text(partition))` in `\(arn)` is not an AWS partition", help: "start the ARN with `arn:aws:`")
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
                reason: "an IAM ARN has no Region, but `\(arn)` has `\(text(region))`",
                help: "leave the Region empty: `arn:aws:\(text(service))::…`")
            return
        }
        guard PrincipalName.isAccountID(account) else {
            self = .invalidAccount(text(account), utf8Range: (colons.3 + 1)..<colons.4)
            return
        }
        // Resource: a type, then one or more non-empty names separated by `/`.
        let slash = UInt8(ascii: "/")
        let typeEnd = resource.firstIndex(of: slash) ?? resource.count
        let type = UnsafeBufferPointer(rebasing: resource[0..<typeEnd])
        var nameCount = 0
        var hasEmptyName = false
        if typeEnd < resource.count {
            var nameLength = 0
            for byte in resource[(typeEnd + 1)...] {
                if byte == slash {
                    if nameLength == 0 { hasEmptyName = true }
                    nameCount += 1
                    nameLength = 0
                } else {
                    nameLength += 1
                }
            }
            if nameLength == 0 { hasEmptyName = true }
            nameCount += 1
        }
        let hasNames = nameCount >= 1 && !hasEmptyName
        func isType(_ name: String) -> Bool { type.elementsEqual(name.utf8) }
        if isIAM && isType("root") && nameCount == 0 {
            self = .root
        } else if isIAM && isType("user") && hasNames {
            self = .user
        } else if isIAM && isType("role") && hasNames {
            self = .role
        } else if !isIAM && isType("assumed-role") && hasNames && nameCount == 2 {
            self = .roleSession
        } else if !isIAM && isType("federated-user") && hasNames {
            self = .federatedUser
        } else if isIAM && isType("group") {
            self = .invalid(
                reason: "`\(arn)` is a group, and a group cannot be a principal",
                help: "name the users of the group, or a role they assume")
        } else if isIAM {
            let resourceText = text(resource)
            self = .invalid(
                reason: "`\(resourceText)` in `\(arn)` is not `root`, `user/NAME` or `role/NAME`",
                help: "for a user write `arn:aws:iam::\(text(account)):user/\(resourceText.isEmpty ? "NAME" : resourceText)`")
        } else {
            let accountText = text(account)
            self = .invalid(
                reason: "`\(text(resource))` in `\(arn)` is not `assumed-role/ROLE/SESSION` or `federated-user/NAME`",
                help: "for a role session write `arn:aws:sts::\(accountText):assumed-role/ROLE/SESSION`, or name the role: `arn:aws:iam::\(accountText):role/ROLE`")
        }
    }

    static func isAccountID<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.count == 12 && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
