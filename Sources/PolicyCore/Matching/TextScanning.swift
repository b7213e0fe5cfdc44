/// Byte-level tests on policy text. Foundation's `contains(_:)` and `trimmingCharacters(in:)` go
/// through NSString and showed up as the largest cost of compiling a policy, so the hot paths use
/// these instead.
extension StringProtocol {
    /// Whether the text holds an IAM wildcard (`*` or `?`).
    var hasWildcard: Bool { utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") } }

    /// Whether the text holds `${`, the start of a policy variable.
    var hasVariableOpening: Bool {
        var previousWasDollar = false
        for byte in utf8 {
            if previousWasDollar && byte == UInt8(ascii: "{") { return true }
            previousWasDollar = byte == UInt8(ascii: "$")
        }
        return false
    }
}

extension String {
    /// Without the spaces and tabs AWS tolerates around names; no copy when there are none.
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
