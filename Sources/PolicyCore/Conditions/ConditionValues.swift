/// A decimal number compared exactly, whatever its length (no rounding through `Double`).
///
/// Accepted text: an optional sign, digits with an optional fraction, an optional exponent
/// (`10`, `-3`, `2.50`, `.5`, `1e3`) — what a JSON number or a numeric string can hold.
struct ExactDecimal: Sendable, Hashable, Comparable {
    /// Value = sign × 0.d1d2d3… × 10^exponent, digits without leading or trailing zeros.
    let negative: Bool
    let digits: [UInt8]
    let exponent: Int

    var isZero: Bool { digits.isEmpty }

    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var mantissa: [UInt8] = []
        var pointPosition: Int?
        var sawDigit = false
        while let b = bytes.first, (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") {
            if b == UInt8(ascii: ".") {
                guard pointPosition == nil else { return nil }
                pointPosition = mantissa.count
            } else {
                mantissa.append(b - 0x30)
                sawDigit = true
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var expNegative = false
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
                expNegative = s == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.count <= 6, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            exponent = Int(String(decoding: bytes, as: UTF8.self))! * (expNegative ? -1 : 1)
            bytes = bytes[bytes.endIndex...]
        }
        guard bytes.isEmpty else { return nil }
        let integerDigits = pointPosition ?? mantissa.count
        var start = 0
        while start < mantissa.count && mantissa[start] == 0 { start += 1 }
        var end = mantissa.count
        while end > start && mantissa[end - 1] == 0 { end -= 1 }
        digits = Array(mantissa[start..<end])
        self.exponent = digits.isEmpty ? 0 : integerDigits - start + exponent
        self.negative = digits.isEmpty ? false : negative
    }

    static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        if a.negative != b.negative { return a.negative }
        let magnitudeLess = ExactDecimal.magnitudeLess(a, b)
        let magnitudeGreater = ExactDecimal.magnitudeLess(b, a)
        return a.negative ? magnitudeGreater : magnitudeLess
    }

    private static func magnitudeLess(_ a: ExactDecimal, _ b: ExactDecimal) -> Bool {
        if a.isZero || b.isZero { return a.isZero && !b.isZero }
        if a.exponent != b.exponent { return a.exponent < b.exponent }
        return a.digits.lexicographicallyPrecedes(b.digits)
    }
}

/// A point in time with nanosecond precision, for the Date operators.
///
/// Accepted text (IAM: dates follow the W3C profile of ISO 8601, or epoch time):
/// - epoch seconds, optionally with a fraction: `1700000000`, `1700000000.5`. Judgement call:
///   a string of digits only is always epoch time, so `2024` is a second count, not a year.
/// - `YYYY-MM`, `YYYY-MM-DD` (midnight UTC),
/// - `YYYY-MM-DDThh:mm`, `…:ss`, `…:ss.fraction`, each followed by `Z`, `±hh:mm`, `±hhmm` or
///   `±hh`; without a zone designator the time is read as UTC.
struct Instant: Sendable, Hashable, Comparable {
    let seconds: Int64
    let nanos: Int64

    static func < (a: Instant, b: Instant) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos
    }

    init(seconds: Int64, nanos: Int64) {
        self.seconds = seconds
        self.nanos = nanos
    }

    init?(_ text: String) {
        let b = Array(text.utf8)
        guard !b.isEmpty else { return nil }
        if let epoch = Instant.parseEpoch(b) { self = epoch; return }
        guard let iso = Instant.parseISO(b) else { return nil }
        self = iso
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func parseEpoch(_ b: [UInt8]) -> Instant? {
        var i = 0
        let negative = b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        let intStart = i
        while i < b.count && isDigit(b[i]) { i += 1 }
        guard i > intStart, i - intStart <= 12 else { return nil }
        var seconds = Int64(String(decoding: b[intStart..<i], as: UTF8.self))!
        var nanos: Int64 = 0
        if i < b.count {
            guard b[i] == UInt8(ascii: "."), i + 1 < b.count else { return nil }
            i += 1
            var scale: Int64 = 100_000_000
            while i < b.count {
                guard isDigit(b[i]) else { return nil }
                nanos += Int64(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        if negative {
            seconds = -seconds
            if nanos > 0 { seconds -= 1; nanos = 1_000_000_000 - nanos }
        }
        return Instant(seconds: seconds, nanos: nanos)
    }

    static func parseISO(_ b: [UInt8]) -> Instant? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                guard isDigit(b[k]) else { return nil }
                value = value * 10 + Int(b[k] - 0x30)
            }
            i += count
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), (1...12).contains(month) else { return nil }
        var day = 1
        var hour = 0, minute = 0, second = 0
        var nanos: Int64 = 0
        var offsetSeconds = 0
        if i < b.count {
            guard expect("-"), let d = number(2), d >= 1, d <= daysIn(month: month, year: year) else { return nil }
            day = d
        }
        if i < b.count {
            guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") else { return nil }
            i += 1
            guard let h = number(2), h <= 23, expect(":"), let m = number(2), m <= 59 else { return nil }
            hour = h
            minute = m
            if i < b.count && b[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = number(2), s <= 59 else { return nil }
                second = s
                if i < b.count && b[i] == UInt8(ascii: ".") {
                    i += 1
                    var scale: Int64 = 100_000_000
                    let start = i
                    while i < b.count && isDigit(b[i]) {
                        nanos += Int64(b[i] - 0x30) * scale
                        scale /= 10
                        i += 1
                    }
                    guard i > start else { return nil }
                }
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2), oh <= 23 else { return nil }
                    var om = 0
                    if i < b.count {
                        _ = expect(":")
                        guard let m = number(2), m <= 59 else { return nil }
                        om = m
                    }
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
        }
        guard i == b.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Instant(seconds: seconds, nanos: nanos)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

enum BooleanText {
    /// `true` / `false`, in any case.
    static func parse(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}

enum Base64Text {
    /// Standard base64 (RFC 4648 alphabet); padding optional, whitespace not allowed.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "=") { padding += 1; continue }
            guard padding == 0, let v = sextet(c) else { return nil }
            values.append(v)
        }
        guard padding <= 2 else { return nil }
        if padding > 0 && (values.count + padding) % 4 != 0 { return nil }
        if values.count % 4 == 1 { return nil }
        var bytes: [UInt8] = []
        var i = 0
        while i + 1 < values.count {
            let chunk = values[i..<min(i + 4, values.count)]
            let a = chunk[chunk.startIndex], b = chunk[chunk.startIndex + 1]
            bytes.append(a << 2 | b >> 4)
            if chunk.count > 2 {
                let c = chunk[chunk.startIndex + 2]
                bytes.append((b & 0x0F) << 4 | c >> 2)
                if chunk.count > 3 { bytes.append((c & 0x03) << 6 | chunk[chunk.startIndex + 3]) }
            }
            i += 4
        }
        return bytes
    }

    private static func sextet(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
