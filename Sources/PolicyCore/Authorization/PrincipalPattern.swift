import Foundation

/// One entry of a Principal element, in the form that decides quickly whether a request's
/// principal is covered.
public enum PrincipalPattern: Hashable, Sendable {
    /// `"*"` or `{"AWS": "*"}`: everyone, including other accounts, services and anonymous callers.
    case everyone
    /// `123456789012` or `arn:aws:iam::123456789012:root`: every principal of that account. It
    /// delegates: the account's own identity policies must still allow.
    case account(String)
    case user(arn: String)
    /// A role matches itself and every session of it (session ARNs carry no role path, so
    /// sessions match by account and role name).
    case role(arn: String, account: String, name: String)
    case roleSession(arn: String)
    case federatedUser(arn: String)
    case service(String)
    /// Federated or canonical-user identities: matched by exact text.
    case other(kind: PrincipalEntry.Kind, value: String)

    /// Why a Principal entry cannot be used; the linter words these for the learner.
    public enum Problem: Error, Hashable, Sendable {
        case placeholder(String)
        case partialWildcard
        case invalidAccountID(String)
        case malformedARN
        case emptyValue
    }

    public static func parse(_ entry: PrincipalEntry) -> Result<PrincipalPattern, Problem> {
        let text = entry.value.value.trimmingSpaces()
        if let placeholder = Placeholder.first(in: text) { return .failure(.placeholder(placeholder)) }
        if text.isEmpty { return .failure(.emptyValue) }
        switch entry.kind {
        case .everyone:
            return .success(.everyone)
        case .service:
            if text.hasWildcard { return .failure(.partialWildcard) }
            return .success(.service(text.lowercased()))
        case .federated, .canonicalUser:
            if text == "*" { return .success(.everyone) }
            return .success(.other(kind: entry.kind, value: text))
        case .aws:
            return parseAWS(text)
        }
    }

    static func parseAWS(_ text: String) -> Result<PrincipalPattern, Problem> {
        if text == "*" { return .success(.everyone) }
        if !text.hasPrefix("arn:") {
            if text.hasWildcard { return .failure(.partialWildcard) }
            return PrincipalIdentity.isAccountID(text) ? .success(.account(text)) : .failure(.invalidAccountID(text))
        }
        if text.hasWildcard { return .failure(.partialWildcard) }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if parts.count == 6, !PrincipalIdentity.isAccountID(parts[4]), parts[2] == "iam" || parts[2] == "sts" {
            return .failure(.invalidAccountID(String(parts[4])))
        }
        guard let identity = PrincipalIdentity(text) else { return .failure(.malformedARN) }
        switch identity.kind {
        case .accountRoot: return .success(.account(identity.account!))
        case .user: return .success(.user(arn: text))
        case .role: return .success(.role(arn: text, account: identity.account!, name: identity.name!))
        case .roleSession: return .success(.roleSession(arn: text))
        case .federatedUser: return .success(.federatedUser(arn: text))
        case .service, .anonymous: return .failure(.malformedARN)
        }
    }

    public func matches(_ principal: PrincipalIdentity) -> Bool {
        switch self {
        case .everyone:
            return true
        case .account(let account):
            return principal.account == account && principal.kind != .service
        case .user(let arn), .federatedUser(let arn), .roleSession(let arn):
            return principal.arn == arn
        case .role(let arn, let account, let name):
            if principal.kind == .role { return principal.arn == arn }
            return principal.kind == .roleSession && principal.account == account && principal.name == name
        case .service(let name):
            return principal.kind == .service && principal.arn.lowercased() == name
        case .other(_, let value):
            return principal.arn == value
        }
    }

    /// Whether a match names the principal itself rather than delegating to its account: under
    /// AWS's rule only such a grant lets a same-account principal in without an identity allow.
    public var namesPrincipal: Bool {
        if case .account = self { return false }
        return true
    }
}

/// Text such as `<YOUR_AWS_ACCOUNT_ID>` that a workshop asks the learner to replace.
public enum Placeholder {
    /// The first `<…>` in the text, if any.
    public static func first(in text: String) -> String? {
        guard let open = text.firstIndex(of: "<"),
            let close = text[open...].firstIndex(of: ">"), text.index(after: open) < close
        else { return nil }
        return String(text[open...close])
    }
}
