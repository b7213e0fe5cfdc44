#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Everything compiled lives in one immutable object, so copying a pattern (into arrays,
    /// enums, closures) costs one reference count instead of one per array.
    final class Compiled: Sendable {
        let units: [UInt32]
        /// UTF-8 of a case-sensitive pattern without wildcards, for a plain byte comparison.
        let literalUTF8: [UInt8]?
        /// Leading literal text of a case-sensitive glob, as UTF-8 and as a count of units.
        let literalPrefixUTF8: [UInt8]
        let literalPrefixUnits: Int
        let caseSensitive: Bool
        let isLiteral: Bool
        let matchesEverything: Bool
        let description: String

        init(tokens: [WildcardToken], caseSensitive: Bool, description: String) {
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
            var prefixBytes: [UInt8] = []
            var prefixUnits = 0
            if caseSensitive {
                for token in tokens {
                    guard case .literal(let text) = token else { break }
                    prefixBytes.append(contentsOf: text.utf8)
                    prefixUnits += text.unicodeScalars.count
                }
            }
            self.units = units
            self.caseSensitive = caseSensitive
            self.description = description
            literalUTF8 = !hasWildcard && caseSensitive ? prefixBytes : nil
            literalPrefixUTF8 = hasWildcard ? prefixBytes : []
            literalPrefixUnits = hasWildcard ? prefixUnits : 0
            isLiteral = !hasWildcard
            matchesEverything = units == [WildcardPattern.starUnit]
        }
    }

    let compiled: Compiled

    /// Parses `*` and `?` as wildcards; everything else is literal.
    public init(_ pattern: String, caseSensitive: Bool) {
        compiled = Compiled(tokens: WildcardPattern.tokens(pattern), caseSensitive: caseSensitive, description: pattern)
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
        compiled = Compiled(tokens: tokens, caseSensitive: caseSensitive, description: text)
    }

    public var caseSensitive: Bool { compiled.caseSensitive }
    /// The pattern as written (`*` and `?` for wildcards; escaped wildcards show as `*`/`?` too).
    public var description: String { compiled.description }
    /// True when the pattern has no `*` or `?` wildcard.
    public var isLiteral: Bool { compiled.isLiteral }
    /// True for `*` (or `**`…): every subject matches.
    public var matchesEverything: Bool { compiled.matchesEverything }

    public static func == (a: WildcardPattern, b: WildcardPattern) -> Bool {
        a.compiled === b.compiled || (a.compiled.units == b.compiled.units && a.caseSensitive == b.caseSensitive)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(compiled.units)
        hasher.combine(caseSensitive)
    }

    public func matches(_ subject: String) -> Bool {
        if matchesEverything { return true }
        if let result = subject.utf8.withContiguousStorageIfAvailable({ matches(utf8: $0) }) {
            return result
        }
        var copy = subject
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { matches(utf8: $0) } ?? false
    }

    /// Matches valid UTF-8 text (a whole string or a slice of one cut at scalar boundaries).
    func matches(utf8 s: UnsafeBufferPointer<UInt8>) -> Bool {
        let compiled = self.compiled
        if compiled.matchesEverything { return true }
        let units = compiled.units
        let literalPrefixUTF8 = compiled.literalPrefixUTF8
        let literalPrefixUnits = compiled.literalPrefixUnits
        if let literalUTF8 = compiled.literalUTF8 {
            return s.count == literalUTF8.count && literalUTF8.withUnsafeBufferPointer { bytesEqual(s, $0) }
        }
        // Case-sensitive patterns usually start with literal text (`arn:aws:ecr:`): compare it
        // as bytes and run the glob on the rest only.
        if !literalPrefixUTF8.isEmpty {
            guard s.count >= literalPrefixUTF8.count,
                  literalPrefixUTF8.withUnsafeBufferPointer({ bytesEqual(UnsafeBufferPointer(rebasing: s[0..<$0.count]), $0) })
            else { return false }
            let rest = UnsafeBufferPointer(rebasing: s[literalPrefixUTF8.count...])
            return units.withUnsafeBufferPointer {
                match(pattern: UnsafeBufferPointer(rebasing: $0[literalPrefixUnits...]), subject: rest)
            }
        }
        return units.withUnsafeBufferPointer { match(pattern: $0, subject: s) }
    }

    private func match(pattern p: UnsafeBufferPointer<UInt32>, subject s: UnsafeBufferPointer<UInt8>) -> Bool {
        let sensitive = compiled.caseSensitive
        let n = p.count
        var pi = 0
        var si = 0
        var starPattern = -1
        var starSubject = 0
        // Real patterns settle in a few passes over the subject. One that keeps retrying its last
        // star (`*aaaa…b` against `aaaa…`) is handed to the segment search, which stays linear.
        var budget = 8 * (n + s.count) + 256
        while si < s.count {
            budget -= 1
            if budget == 0 { return matchBySegments(pattern: p, subject: s) }
            let (scalar, width) = WildcardPattern.decode(s, at: si)
            let c = sensitive ? scalar : WildcardPattern.fold(scalar)
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

    /// The segment search on its own, whatever the budget, so tests can hold it to the same answers.
    func matchesBySegments(_ subject: String) -> Bool {
        if compiled.isLiteral && compiled.caseSensitive { return subject.utf8Equals(compiled.literalUTF8 ?? []) }
        var copy = subject
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { s in
            compiled.units.withUnsafeBufferPointer { matchBySegments(pattern: $0, subject: s) }
        } ?? false
    }

    /// The pieces between stars have fixed lengths, so the first must sit at the start, the last at
    /// the end, and each one between at its leftmost place after the one before: taking the
    /// leftmost place never loses a match. Literal pieces are found with Knuth–Morris–Pratt, so a
    /// pattern of stars and literals takes time linear in pattern and subject; only a piece that
    /// mixes `?` with letters, between two stars, can cost its length times the subject's.
    func matchBySegments(pattern p: UnsafeBufferPointer<UInt32>, subject s: UnsafeBufferPointer<UInt8>) -> Bool {
        var subject: [UInt32] = []
        subject.reserveCapacity(s.count)
        var index = 0
        while index < s.count {
            let (scalar, width) = WildcardPattern.decode(s, at: index)
            subject.append(compiled.caseSensitive ? scalar : WildcardPattern.fold(scalar))
            index += width
        }
        var segments: [Range<Int>] = []
        var start = 0
        for position in 0...p.count where position == p.count || p[position] == WildcardPattern.starUnit {
            if position > start { segments.append(start..<position) }
            start = position + 1
        }
        func fits(_ segment: Range<Int>, at offset: Int) -> Bool {
            for (k, unit) in p[segment].enumerated() where unit != WildcardPattern.oneUnit && unit != subject[offset + k] { return false }
            return true
        }
        if !p.contains(WildcardPattern.starUnit) {
            return p.count == subject.count && (p.isEmpty || fits(0..<p.count, at: 0))
        }
        var low = 0
        var high = subject.count
        if p.first != WildcardPattern.starUnit, let first = segments.first {
            guard first.count <= high, fits(first, at: 0) else { return false }
            low = first.count
            segments.removeFirst()
        }
        if p.last != WildcardPattern.starUnit, let last = segments.last {
            guard high - last.count >= low, fits(last, at: high - last.count) else { return false }
            high -= last.count
            segments.removeLast()
        }
        for segment in segments {
            guard let found = leftmost(Array(p[segment]), in: subject, from: low, to: high) else { return false }
            low = found + segment.count
        }
        return true
    }

    private func leftmost(_ units: [UInt32], in subject: [UInt32], from low: Int, to high: Int) -> Int? {
        guard high - low >= units.count else { return nil }
        if units.contains(WildcardPattern.oneUnit) {
            return (low...(high - units.count)).first { offset in
                units.indices.allSatisfy { units[$0] == WildcardPattern.oneUnit || units[$0] == subject[offset + $0] }
            }
        }
        // Knuth–Morris–Pratt: `border[i]` is the length of the longest proper border of units[0...i].
        var border = [Int](repeating: 0, count: units.count)
        var length = 0
        for i in 1..<max(1, units.count) {
            while length > 0 && units[i] != units[length] { length = border[length - 1] }
            if units[i] == units[length] { length += 1 }
            border[i] = length
        }
        var matched = 0
        for position in low..<high {
            while matched > 0 && subject[position] != units[matched] { matched = border[matched - 1] }
            if subject[position] == units[matched] { matched += 1 }
            if matched == units.count { return position - units.count + 1 }
        }
        return nil
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

@inline(__always)
func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
    return memcmp(pa, pb, a.count) == 0
}

extension String {
    /// Byte-for-byte equality with UTF-8 held in an array, without allocating.
    func utf8Equals(_ bytes: [UInt8]) -> Bool {
        guard utf8.count == bytes.count else { return false }
        if let result = utf8.withContiguousStorageIfAvailable({ s in bytes.withUnsafeBufferPointer { bytesEqual(s, $0) } }) {
            return result
        }
        return utf8.elementsEqual(bytes)
    }

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
