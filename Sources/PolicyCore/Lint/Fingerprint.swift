/// A 64-bit FNV-1a fingerprint of text, for grouping values in dictionaries keyed by plain
/// integers: hashing an integer is far cheaper than hashing a string with SipHash, and the lint
/// rules confirm every fingerprint match by comparing the values themselves.
struct Fingerprint {
    private(set) var value: UInt64 = 14_695_981_039_346_656_037

    mutating func add(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ add(bytes: $0) }) == nil {
            for byte in text.utf8 { add(byte) }
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        add(0xFF)
    }

    mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { add(byte) }
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 1_099_511_628_211
    }

    static func of(_ text: String) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(text)
        return fingerprint.value
    }
}
