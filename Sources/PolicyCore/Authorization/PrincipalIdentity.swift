import Foundation

/// Who makes a request, parsed once from the ARN (or service name) given for it.
public struct PrincipalIdentity: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case user
        case role
        /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`: what a role's credentials sign as.
        case roleSession
        case accountRoot
        case federatedUser
        /// An AWS service such as `codebuild.amazonaws.com`: it has no identity policy of its own.
        case service
        /// A caller that did not sign the request.
        case anonymous
    }

    public var arn: String
    public var kind: Kind
    public var account: String?
    /// The last segment of a user's or role's name, without its path.
    public var name: String?

    /// Nil when the text is neither an IAM/STS principal ARN, a service principal nor `anonymous`.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        if trimmed == "anonymous" || trimmed == "*" {
            self.init(arn: "anonymous", kind: .anonymous, account: nil, name: nil)
            return
        }
        if !trimmed.hasPrefix("arn:") {
            guard trimmed.hasSuffix(".amazonaws.com") || trimmed.hasSuffix(".amazonaws.com.cn"), !trimmed.utf8.contains(UInt8(ascii: " "))
            else { return nil }
            self.init(arn: trimmed, kind: .service, account: nil, name: nil)
            return
        }
        let parts = trimmed.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, !parts[1].isEmpty, parts[3].isEmpty, PrincipalIdentity.isAccountID(parts[4]) else {
            return nil
        }
        let account = String(parts[4])
        let resource = parts[5]
        let segments = resource.split(separator: "/", omittingEmptySubsequences: false)
        switch (parts[2], segments.first) {
        case ("iam", "root") where segments.count == 1:
            self.init(arn: trimmed, kind: .accountRoot, account: account, name: nil)
        case ("iam", "user") where segments.count >= 2 && !segments.last!.isEmpty:
            self.init(arn: trimmed, kind: .user, account: account, name: String(segments.last!))
        case ("iam", "role") where segments.count >= 2 && !segments.last!.isEmpty:
            self.init(arn: trimmed, kind: .role, account: account, name: String(segments.last!))
        case ("sts", "assumed-role") where segments.count == 3 && !segments[1].isEmpty && !segments[2].isEmpty:
            self.init(arn: trimmed, kind: .roleSession, account: account, name: String(segments[1]))
        case ("sts", "federated-user") where segments.count == 2 && !segments[1].isEmpty:
            self.init(arn: trimmed, kind: .federatedUser, account: account, name: String(segments[1]))
        default:
            return nil
        }
    }

    public init(arn: String, kind: Kind, account: String?, name: String?) {
        self.arn = arn
        self.kind = kind
        self.account = account
        self.name = name
    }

    public static let anonymous = PrincipalIdentity(arn: "anonymous", kind: .anonymous, account: nil, name: nil)

    /// Services and anonymous callers have no identity policies: only a resource policy can let them in.
    public var hasIdentityPolicies: Bool { kind != .service && kind != .anonymous }

    /// The ARN that IAM puts in `aws:PrincipalArn`: for a role session, the role itself.
    public var principalARN: String {
        guard kind == .roleSession, let account, let name else { return arn }
        let partition = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)[1]
        return "arn:\(partition):iam::\(account):role/\(name)"
    }

    /// The global condition keys AWS sets for every signed request from this principal, so that
    /// conditions such as `ArnNotEquals aws:PrincipalArn` behave as they do in AWS.
    public var globalContextKeys: [String: [String]] {
        var keys: [String: [String]] = [:]
        switch kind {
        case .anonymous:
            keys["aws:PrincipalType"] = ["Anonymous"]
        case .service:
            keys["aws:PrincipalServiceName"] = [arn]
            keys["aws:PrincipalIsAWSService"] = ["true"]
        case .user, .role, .roleSession, .accountRoot, .federatedUser:
            keys["aws:PrincipalArn"] = [principalARN]
            keys["aws:PrincipalIsAWSService"] = ["false"]
            if let account { keys["aws:PrincipalAccount"] = [account] }
            // IAM user ids are opaque (AIDA…); a stable stand-in derived from the name keeps
            // `aws:userid` conditions testable without an account.
            switch kind {
            case .user:
                keys["aws:PrincipalType"] = ["User"]
                keys["aws:username"] = [name ?? ""]
                keys["aws:userid"] = [stableID(prefix: "AIDA")]
            case .roleSession:
                keys["aws:PrincipalType"] = ["AssumedRole"]
                keys["aws:userid"] = ["\(stableID(prefix: "AROA")):\(arn.split(separator: "/").last ?? "")"]
            case .role:
                keys["aws:PrincipalType"] = ["AssumedRole"]
                keys["aws:userid"] = [stableID(prefix: "AROA")]
            case .accountRoot:
                keys["aws:PrincipalType"] = ["Account"]
                keys["aws:userid"] = [account ?? ""]
            case .federatedUser:
                keys["aws:PrincipalType"] = ["FederatedUser"]
                keys["aws:userid"] = ["\(account ?? ""):\(name ?? "")"]
            case .service, .anonymous:
                break
            }
        }
        return keys
    }

    private func stableID(prefix: String) -> String {
        // FNV-1a over the ARN: deterministic across runs and platforms, unlike `hashValue`.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in principalARN.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var id = prefix
        for _ in 0..<17 {
            id.append(alphabet[Int(hash & 31)])
            hash >>= 5
            if hash == 0 { hash = 0x9E37_79B9_7F4A_7C15 }
        }
        return id
    }

    static func isAccountID<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
