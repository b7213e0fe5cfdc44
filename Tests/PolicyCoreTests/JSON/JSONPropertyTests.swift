import Testing

@testable import PolicyCore

/// SplitMix64: small, fast and the same on every platform, so a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The reader must never crash or hang, and whatever it says must point inside the file: these
/// properties are checked on bounded, seeded random input so any failure is reproducible.
@Suite("JSON reader: properties")
struct JSONPropertyTests {
    /// The checks every read must pass, whatever the input. Returns a description of the first
    /// violation, or nil.
    static func violation(_ bytes: [UInt8], reader: JSONReader = JSONReader()) -> String? {
        let document = reader.read(bytes)
        if document.root == nil, !document.findings.contains(where: { $0.severity == .error }) {
            return "no tree and no error"
        }
        for finding in document.findings {
            let start = finding.range.start
            let end = finding.range.end
            guard start.line >= 1, start.column >= 1, start.offset >= 0, start.offset <= bytes.count else {
                return "position out of the file: \(finding)"
            }
            guard end.offset >= start.offset, end.offset <= bytes.count else { return "bad range end: \(finding)" }
            guard finding.message.first?.isUppercase == false, !finding.message.contains("\n") else {
                return "badly formed message: \(finding.message)"
            }
            if let expected = expectedPlace(of: start.offset, in: bytes), expected != (start.line, start.column) {
                return "\(finding.code) at \(start.place), but offset \(start.offset) is at \(expected.0):\(expected.1)"
            }
        }
        return nil
    }

    /// Line and column of a byte offset, counted independently of the reader: lines by `\n`,
    /// columns by the bytes that start a UTF-8 character. Nil when the text before the offset is not
    /// valid UTF-8 (the reader stops at the first invalid byte, so that never applies to a finding).
    static func expectedPlace(of offset: Int, in bytes: [UInt8]) -> (Int, Int)? {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom, offset < 3 { return offset == 0 ? (1, 1) : nil }
        let prefix = bytes[(bom ? 3 : 0)..<offset]
        guard String(validating: prefix, as: UTF8.self) != nil else { return nil }
        let line = 1 + prefix.lazy.filter { $0 == 0x0A }.count
        let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? prefix.startIndex
        let column = 1 + bytes[lineStart..<offset].lazy.filter { $0 & 0xC0 != 0x80 }.count
        return (line, column)
    }

    /// Bytes that make interesting JSON-ish noise: structure, quotes, escapes, digits, words, and
    /// the edges of UTF-8.
    static let alphabet: [UInt8] = Array(#"{}[]:,"\/ -+.eE0123456789tfnrulasTN'*"#.utf8) + [
        0x0A, 0x0D, 0x09, 0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xED, 0xA0, 0xF0, 0x9F,
        0xF4, 0x90, 0xFF, 0xEF, 0xBB,
    ]

    @Test("3,000 random byte strings: never a crash, always a tree or a located error")
    func randomBytes() {
        var random = SeededGenerator(seed: 0x5EED_0001)
        var failures: [String] = []
        for round in 0..<3_000 {
            let length = Int.random(in: 0...160, using: &random)
            let pureNoise = round % 4 == 0
            let bytes = (0..<length).map { _ in
                pureNoise ? UInt8.random(in: 0...255, using: &random) : Self.alphabet.randomElement(using: &random)!
            }
            if let problem = Self.violation(bytes) { failures.append("round \(round) \(bytes): \(problem)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    static let samplePolicies: [String] = [
        sectionPolicyText,
        """
        {\r\n  "Version": "2012-10-17",\r\n  "Id": "résumé-😀",\r\n  "Statement": {\r\n\t"Sid": "\\u00e9\\uD83D\\uDE00",
        \t"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root", "*"], "Service": "x"},
        \t"NotAction": "ecr:*", "Condition": {"NumericLessThan": {"k": [1.5e-3, -0, 10]}, "Bool": {"b": [true, false]}, "Null": {"n": null}}\r\n  }\r\n}
        """,
    ]

    /// Flips, inserts and deletes bytes of real policies: the input a learner's typo produces.
    @Test("3,000 mutations of real policies: never a crash, always a tree or a located error")
    func mutations() {
        var random = SeededGenerator(seed: 0x5EED_0002)
        var failures: [String] = []
        for round in 0..<3_000 {
            var bytes = Array(Self.samplePolicies[round % Self.samplePolicies.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
                case 1: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: index)
                case 2: if bytes.count > 1 { bytes.remove(at: index) }
                default: bytes[index] = UInt8.random(in: 0...255, using: &random)
                }
            }
            if let problem = Self.violation(bytes) { failures.append("round \(round) \(String(decoding: bytes, as: UTF8.self).debugDescription): \(problem)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("a policy cut at every byte is refused with a located error, never read as complete")
    func truncations() {
        for policy in Self.samplePolicies {
            let bytes = Array(policy.utf8)
            var failures: [String] = []
            for cut in 0..<bytes.count {
                let prefix = Array(bytes[..<cut])
                if let problem = Self.violation(prefix) { failures.append("cut \(cut): \(problem)") }
                // Every proper prefix of an object is unfinished, so it must not read as a tree.
                if JSONReader().read(prefix).root != nil { failures.append("cut \(cut) read as complete") }
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
            #expect(JSONReader().read(bytes).root != nil)
        }
    }

    @Test("deep and wide random nesting never crashes, whatever the depth limit")
    func nesting() {
        var random = SeededGenerator(seed: 0x5EED_0003)
        for _ in 0..<200 {
            let depth = Int.random(in: 1...300, using: &random)
            let opening = (0..<depth).map { _ in Bool.random(using: &random) ? "[" : "{\"k\":" }.joined()
            let limit = Int.random(in: 1...128, using: &random)
            let bytes = Array((opening + "0" + String(repeating: "]", count: depth / 2)).utf8)
            let reader = JSONReader(maximumDepth: limit)
            #expect(Self.violation(bytes, reader: reader) == nil)
            let document = reader.read(bytes)
            if depth > limit { #expect(document.findings.first?.code == "too-deep") }
        }
    }
}
