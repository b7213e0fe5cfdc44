/// The source lines of one file, cut into what a terminal can show under a finding.
///
/// A minified policy is one line of up to a megabyte, and every finding on it would otherwise print
/// the whole line: output that grows with findings × line length. Long lines are shown as a window
/// around the column instead, found through checkpoints built once per line, so each finding costs
/// the same whatever the line's length.
struct SourceExcerpt {
    /// Lines up to this many bytes are shown whole.
    static let wholeLineLimit = 160
    /// Scalars shown before the column, and in all, when a line is cut.
    static let leadingScalars = 40
    static let windowScalars = 120
    static let checkpointStride = 64

    private let bytes: [UInt8]
    /// Byte offset where each line starts.
    private let lineStarts: [Int]
    /// Per long line: the byte offset of columns 1, 1 + stride, 1 + 2 × stride…
    private var checkpoints: [Int: [Int]] = [:]

    init(text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    var lineCount: Int { lineStarts.count }

    /// The bytes of a 1-based line, without its LF and without the CR of a CRLF.
    private func byteRange(ofLine line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// What to show of `line` for columns `from..<to`: the scalars, the column the first of them
    /// has, and whether text was cut before or after them.
    mutating func window(line: Int, from: Int, to: Int) -> (scalars: [Unicode.Scalar], firstColumn: Int, cutBefore: Bool, cutAfter: Bool) {
        let range = byteRange(ofLine: line)
        if range.count <= Self.wholeLineLimit {
            return (decode(range), 1, false, false)
        }
        let firstColumn = max(1, from - Self.leadingScalars)
        var offset = byteOffset(ofColumn: firstColumn, line: line, in: range)
        var scalars: [Unicode.Scalar] = []
        while offset < range.upperBound, scalars.count < Self.windowScalars {
            let (scalar, width) = decodeScalar(at: offset)
            scalars.append(scalar)
            offset += width
        }
        return (scalars, firstColumn, firstColumn > 1, offset < range.upperBound)
    }

    private func decode(_ range: Range<Int>) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            let (scalar, width) = decodeScalar(at: offset)
            scalars.append(scalar)
            offset += width
        }
        return scalars
    }

    /// Where column `column` starts, or the end of the line when the line is shorter.
    private mutating func byteOffset(ofColumn column: Int, line: Int, in range: Range<Int>) -> Int {
        let marks = checkpoints[line] ?? buildCheckpoints(line: line, range: range)
        let index = min((column - 1) / Self.checkpointStride, marks.count - 1)
        var offset = marks[index]
        var current = 1 + index * Self.checkpointStride
        while current < column, offset < range.upperBound {
            offset += decodeScalar(at: offset).1
            current += 1
        }
        return offset
    }

    private mutating func buildCheckpoints(line: Int, range: Range<Int>) -> [Int] {
        var marks: [Int] = []
        var offset = range.lowerBound
        var column = 0
        while offset < range.upperBound {
            if column % Self.checkpointStride == 0 { marks.append(offset) }
            offset += decodeScalar(at: offset).1
            column += 1
        }
        if marks.isEmpty { marks.append(range.lowerBound) }
        checkpoints[line] = marks
        return marks
    }

    /// The text came from a Swift string, so it is valid UTF-8.
    private func decodeScalar(at offset: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[offset])
        let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = width == 1 ? lead : lead & (0xFF >> (width + 1))
        for next in 1..<width { value = value << 6 | UInt32(bytes[offset + next] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// A source character as it can safely be printed: control characters become their visible
    /// Unicode pictures (`␀`, `␛`) and direction overrides become `�`, so a hostile file can neither
    /// move the cursor nor reorder what the terminal shows. Each stays one column wide.
    static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value)!
        case 0x7F: "\u{2421}"
        case 0x80...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: "\u{FFFD}"
        default: scalar
        }
    }
}
