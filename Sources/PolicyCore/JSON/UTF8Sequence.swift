/// Strict UTF-8 decoding (RFC 3629): overlong forms, surrogates and values past U+10FFFF are refused,
/// so that invalid text is reported where it is rather than replaced with U+FFFD. Shared by the policy
/// reader and by every other reader of outside text (lab files, answers, submissions).
public enum UTF8Sequence {
    /// The scalar that starts at `index` and how many bytes it takes, or nil when no valid sequence
    /// starts there.
    @inlinable
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for next in (index + 1)..<(index + length) {
            let byte = bytes[next]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = (value << 6) | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
