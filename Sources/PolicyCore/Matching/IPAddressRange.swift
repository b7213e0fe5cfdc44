/// An IPv4 or IPv6 address held as 128 bits (IPv4 in the low 32 bits).
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Family: Sendable, Hashable { case v4, v6 }

    public let family: Family
    let high: UInt64
    let low: UInt64

    /// Dotted-quad IPv4 or RFC 4291 IPv6 text (`::`, embedded IPv4 tail). An IPv4-mapped IPv6
    /// address (`::ffff:192.0.2.1`) is read as the IPv4 address, so it meets IPv4 ranges.
    public init?(_ text: String) {
        if let v4 = IPAddress.parseV4(Substring(text)) {
            family = .v4
            high = 0
            low = UInt64(v4)
            return
        }
        guard let (h, l) = IPAddress.parseV6(Substring(text)) else { return nil }
        if h == 0 && (l >> 32) == 0xFFFF {
            family = .v4
            high = 0
            low = l & 0xFFFF_FFFF
        } else {
            family = .v6
            high = h
            low = l
        }
    }

    public var description: String {
        switch family {
        case .v4:
            return [24, 16, 8, 0].map { String((low >> UInt64($0)) & 0xFF) }.joined(separator: ".")
        case .v6:
            let groups = [high >> 48, high >> 32, high >> 16, high, low >> 48, low >> 32, low >> 16, low]
            return groups.map { String($0 & 0xFFFF, radix: 16) }.joined(separator: ":")
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        var copy = text
        return copy.withUTF8 { parseV4(bytes: $0) }
    }

    /// Four decimal octets of one to three digits each, dot-separated.
    static func parseV4(bytes b: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for c in b {
            if c >= 0x30 && c <= 0x39 {
                octet = octet * 10 + UInt32(c - 0x30)
                digits += 1
                guard digits <= 3, octet <= 255 else { return nil }
            } else if c == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                octet = 0
                digits = 0
                dots += 1
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | octet
    }

    static func splitOnDoubleColon(_ text: String) -> [String] {
        let chars = Array(text.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == UInt8(ascii: ":") && chars[i + 1] == UInt8(ascii: ":") {
                parts.append(String(decoding: chars[start..<i], as: UTF8.self))
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: chars[start...], as: UTF8.self))
        return parts
    }

    static func parseV6(_ text: Substring) -> (UInt64, UInt64)? {
        guard text.utf8.contains(UInt8(ascii: ":")) else { return nil }
        let halves = splitOnDoubleColon(String(text))
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.utf8.contains(UInt8(ascii: ".")) {
                    guard let v4 = parseV4(piece) else { return nil }
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit),
                          let group = UInt16(piece, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all: [UInt16]
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        var h: UInt64 = 0
        var l: UInt64 = 0
        for i in 0..<4 { h = h << 16 | UInt64(all[i]) }
        for i in 4..<8 { l = l << 16 | UInt64(all[i]) }
        return (h, l)
    }
}

/// A CIDR block for `IpAddress` / `NotIpAddress`: `203.0.113.0/24`, `2001:db8::/32`, or a bare
/// address (a /32 or /128). Host bits set below the prefix (`10.0.0.7/24`) are ignored, as
/// the range is the network the prefix describes.
public struct IPAddressRange: Sendable, Hashable, CustomStringConvertible {
    public let family: IPAddress.Family
    public let prefixLength: Int
    let maskHigh: UInt64
    let maskLow: UInt64
    let networkHigh: UInt64
    let networkLow: UInt64

    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        let address: IPAddress
        let prefix: Int
        if let slash = trimmed.firstIndex(of: "/") {
            let digits = trimmed[trimmed.index(after: slash)...]
            guard (1...3).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let length = Int(digits), let parsed = IPAddress(String(trimmed[..<slash])) else { return nil }
            address = parsed
            prefix = length
        } else {
            guard let parsed = IPAddress(trimmed) else { return nil }
            address = parsed
            prefix = parsed.family == .v4 ? 32 : 128
        }
        // An IPv4-mapped IPv6 CIDR keeps the IPv6 prefix length only if it is written as IPv6.
        let isV6Text = trimmed.utf8.contains(UInt8(ascii: ":"))
        let bits = isV6Text ? 128 : 32
        guard prefix <= bits else { return nil }
        family = address.family
        if isV6Text && address.family == .v4 {
            // ::ffff:a.b.c.d/n: n counts from the IPv6 start; 96 bits are the mapping prefix.
            guard prefix >= 96 else { return nil }
            prefixLength = prefix - 96
        } else {
            prefixLength = prefix
        }
        let totalBits = family == .v4 ? 32 : 128
        let (mh, ml) = IPAddressRange.mask(prefix: prefixLength, totalBits: totalBits)
        maskHigh = mh
        maskLow = ml
        networkHigh = address.high & mh
        networkLow = address.low & ml
    }

    static func mask(prefix: Int, totalBits: Int) -> (UInt64, UInt64) {
        if totalBits == 32 {
            let m: UInt64 = prefix == 0 ? 0 : (0xFFFF_FFFF << UInt64(32 - prefix)) & 0xFFFF_FFFF
            return (0, m)
        }
        let high: UInt64 = prefix >= 64 ? ~0 : (prefix == 0 ? 0 : ~0 << UInt64(64 - prefix))
        let lowBits = max(0, prefix - 64)
        let low: UInt64 = lowBits >= 64 ? ~0 : (lowBits == 0 ? 0 : ~0 << UInt64(64 - lowBits))
        return (high, low)
    }

    public var description: String {
        "\(IPAddress(family: family, high: networkHigh, low: networkLow))/\(prefixLength)"
    }

    /// False for an address of the other family or one that does not parse.
    public func contains(_ address: String) -> Bool {
        guard let parsed = IPAddress(address) else { return false }
        return contains(parsed)
    }

    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && (address.high & maskHigh) == networkHigh && (address.low & maskLow) == networkLow
    }
}

extension IPAddress {
    init(family: Family, high: UInt64, low: UInt64) {
        self.family = family
        self.high = high
        self.low = low
    }
}
