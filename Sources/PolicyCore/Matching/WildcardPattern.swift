/// One piece of a glob: literal text, `*` (any run, possibly empty) or `?` (exactly one character).
///
/// Policy-variable escapes (`${*}`, `${?}`) and substituted values produce `.literal` text that
/// may contain `*` and `?`, which is why patterns can be built from tokens rather than a string.
public enum WildcardToken: Sendable, Hashable {
    case literal(String)
    case anyRun
    case anyOne
}

/// An IAM glob (`*` and `?`), compiled once and matched many times.
///
/// `*` crosses every character, `:` and `/` included; every other character, regex
/// metacharacters included, is literal. A "character" is a Unicode scalar. Matching is the
/// greedy two-pointer algorithm that remembers only the last `*`: worst case
/// O(pattern × subject), never exponential, and it does not allocate for native strings.
public struct WildcardPattern: Sendable, Hashable, CustomStringConvertible {
    // Scalar values of the pattern (lower-cased when case-insensitive), with two values above
    // the Unicode range standing for `*` and `?`.
    static let starUnit: UInt32 = 0xFFFF_FFFF
    static let oneUnit: UInt32 = 0xFFFF_FFFE

    let units: [UInt32]
    /// UTF-8 of the pattern when it has no wildcard, for a plain byte comparison.
    let literalUTF8: [UInt8]?
    public let caseSensitive: Bool
    /// The pattern as written (`*` and `?` for wildcards), for messages.
    public let description: String

    /// Parses `*` and `?` as wildcards; everything else is literal.
    public init(_ pattern: String, caseSensitive: Bool) {
        self.init(tokens: WildcardPattern.tokens(pattern), caseSensitive: caseSensitive, description: pattern)
    }

    public init(tokens: [WildcardToken], caseSensitive: Bool) {
        var text = ""
        for token in tokens {
            switch token {
            case .literal(let s): text += s
            case .anyRun: text += "*"
            case .anyOne: text += "?"
            }
        }
        self.init(tokens: tokens, caseSensitive: caseSensitive, description: text)
    }

    private init(tokens: [WildcardToken], caseSensitive: Bool, description: String) {
        var units: [UInt32] = []
        var hasWildcard = false
        for token in tokens {
            switch token {
            case .literal(let s):
                for scalar in s.unicodeScalars {
                    units.append(caseSensitive ? scalar.value : WildcardPattern.fold(scalar.value))
                }
            case .anyRun:
                hasWildcard = true
                // Consecutive stars match the same as one; collapsing them keeps the scan short.
                if units.last != WildcardPattern.starUnit { units.append(WildcardPattern.starUnit) }
            case .anyOne:
                hasWildcard = true
                units.append(WildcardPattern.oneUnit)
            }
        }
        self.units = units
        self.caseSensitive = caseSensitive
        self.description = description
        if !hasWildcard && caseSensitive {
            var bytes: [UInt8] = []
            for token in tokens { if case .literal(let s) = token { bytes.append(contentsOf: s.utf8) } }
            literalUTF8 = bytes
        } else {
            literalUTF8 = nil
        }
        isLiteral = !hasWildcard
        matchesEverything = units == [WildcardPattern.starUnit]
    }

    /// True when the pattern has no `*` or `?` wildcard.
    public let isLiteral: Bool
    /// True for `*` (or `**`…): every subject matches.
    public let matchesEverything: Bool

    public func matches(_ subject: String) -> Bool {
        if matchesEverything { return true }
        if let literalUTF8 {
            return subject.utf8.count == literalUTF8.count && subject.utf8.elementsEqual(literalUTF8)
        }
        if let result = subject.utf8.withContiguousStorageIfAvailable({ match(utf8: $0) }) {
            return result
        }
        var copy = subject
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { match(utf8: $0) } ?? false
    }

    private func match(utf8 s: UnsafeBufferPointer<UInt8>) -> Bool {
        let p = units
        let n = p.count
        var pi = 0
        var si = 0
        var starPattern = -1
        var starSubject = 0
        while si < s.count {
            let (scalar, width) = WildcardPattern.decode(s, at: si)
            let c = caseSensitive ? scalar : WildcardPattern.fold(scalar)
            if pi < n && (p[pi] == WildcardPattern.oneUnit || p[pi] == c) {
                pi += 1
                si += width
            } else if pi < n && p[pi] == WildcardPattern.starUnit {
                starPattern = pi
                starSubject = si
                pi += 1
            } else if starPattern >= 0 {
                // Let the last star swallow one more character and retry from just after it.
                pi = starPattern + 1
                starSubject += WildcardPattern.decode(s, at: starSubject).1
                si = starSubject
            } else {
                return false
            }
        }
        while pi < n && p[pi] == WildcardPattern.starUnit { pi += 1 }
        return pi == n
    }

    /// Decodes the scalar starting at `i` of valid UTF-8 (Swift strings always are).
    @inline(__always)
    static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(s[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(s[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(s[i + 1] & 0x3F) << 6 | UInt32(s[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(s[i + 1] & 0x3F) << 12 | UInt32(s[i + 2] & 0x3F) << 6
            | UInt32(s[i + 3] & 0x3F), 4)
    }

    /// Simple per-character lower-casing, independent of locale: ASCII directly, other scalars
    /// through their Unicode lowercase mapping when that mapping is a single scalar.
    @inline(__always)
    static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 {
            return (value >= 0x41 && value <= 0x5A) ? value + 0x20 : value
        }
        return foldNonASCII(value)
    }

    static func foldNonASCII(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased else { return value }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first!.value : value
    }
}

extension String {
    /// Lower-cases per Unicode scalar with the same rule as case-insensitive wildcard matching,
    /// so that `StringEqualsIgnoreCase` and `WildcardPattern(caseSensitive: false)` agree.
    func foldedForComparison() -> String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            result.append(Unicode.Scalar(WildcardPattern.fold(scalar.value)) ?? scalar)
        }
        return String(result)
    }
}
