import Foundation
import PolicyCore

/// Reads a file that someone else wrote (a pack file, a learner's answer) as UTF-8 text, with the
/// limits hostile input needs: never blocks on a named pipe or a device, never reads more than one
/// byte past the limit, and says where the text stops being UTF-8.
public enum PlainTextFile {
    /// Why a file cannot be used, worded to follow the file's name: "`x.json` is a named pipe, …".
    public enum Problem: Error, Sendable, Hashable {
        case missing
        case symbolicLink
        case notRegular(kind: String)
        case tooLarge(size: Int?, limit: Int)
        case unreadable(reason: String)
        case notUTF8(line: Int, column: Int, byte: UInt8)

        public var reason: String {
            switch self {
            case .missing:
                "does not exist"
            case .symbolicLink:
                "is a symbolic link; only real files are read"
            case .notRegular(let kind):
                "is \(kind), not a regular file"
            case .tooLarge(let size?, let limit):
                "is \(size) bytes, over the \(Self.limitName(limit)) limit"
            case .tooLarge(nil, let limit):
                "is over the \(Self.limitName(limit)) limit"
            case .unreadable(let reason):
                "cannot be read: \(reason)"
            case .notUTF8(let line, let column, let byte):
                "is not UTF-8 text at line \(line), column \(column) (byte 0x\(String(byte, radix: 16, uppercase: true))); save it as UTF-8"
            }
        }

        /// The text is not UTF-8; `reason` says where, ending with "save it as UTF-8" for the caller to go on.
        public var isNotUTF8: Bool {
            if case .notUTF8 = self { true } else { false }
        }

        private static func limitName(_ limit: Int) -> String {
            limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit)-byte"
        }
    }

    /// The text of the regular file at `path`. A symbolic link is followed unless `followingLinks`
    /// is false, in which case it is refused.
    public static func read(atPath path: String, limit: Int, followingLinks: Bool = true) -> Result<String, Problem> {
        // Looked at before opening, so a device is never opened (opening some has effects);
        // checked again on the open descriptor, in case the file was swapped in between.
        var before = stat()
        if (followingLinks ? stat(path, &before) : lstat(path, &before)) == 0 {
            let type = before.st_mode & S_IFMT
            if type == S_IFLNK { return .failure(.symbolicLink) }
            if let kind = kindName(type) { return .failure(.notRegular(kind: kind)) }
        }
        // O_NONBLOCK: opening a named pipe with no writer would otherwise wait for ever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: return .failure(.missing)
            case ELOOP where !followingLinks: return .failure(.symbolicLink)
            case ELOOP: return .failure(.unreadable(reason: "its symbolic links loop"))
            case ENXIO: return .failure(.notRegular(kind: "a socket"))
            default: return .failure(.unreadable(reason: describe(errno)))
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason: describe(errno))) }
        if let kind = kindName(status.st_mode & S_IFMT) { return .failure(.notRegular(kind: kind)) }
        if Int(status.st_size) > limit { return .failure(.tooLarge(size: Int(status.st_size), limit: limit)) }
        let bytes: [UInt8]
        switch readAtMost(limit + 1, from: descriptor) {
        case .success(let read): bytes = read
        case .failure(let problem): return .failure(problem)
        }
        // The file can grow between the size check and the read.
        guard bytes.count <= limit else { return .failure(.tooLarge(size: nil, limit: limit)) }
        return text(of: bytes)
    }

    /// The bytes as a string, or where they stop being UTF-8.
    public static func text(of bytes: [UInt8]) -> Result<String, Problem> {
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        let place = UTF8Place.firstInvalid(in: bytes) ?? UTF8Place(offset: 0, line: 1, column: 1)
        return .failure(.notUTF8(line: place.line, column: place.column, byte: bytes[place.offset]))
    }

    private static func readAtMost(_ wanted: Int, from descriptor: Int32) -> Result<[UInt8], Problem> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < wanted {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, min($0.count, wanted - bytes.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(reason: describe(errno)))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .success(bytes)
    }

    /// How a file that is not a regular file is named to the user; nil for a regular file.
    public static func kindName(_ type: mode_t) -> String? {
        switch type {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let reason = String(cString: text)
        return reason.prefix(1).lowercased() + reason.dropFirst()
    }
}

/// A byte offset with the line and column an editor shows for it: lines counted by LF, columns by
/// Unicode scalars, both from 1.
public struct UTF8Place: Sendable, Hashable {
    public var offset: Int
    public var line: Int
    public var column: Int

    /// The first byte that does not start a valid UTF-8 sequence (RFC 3629: no overlong forms, no
    /// surrogates, nothing past U+10FFFF), or nil when all of `bytes` is valid.
    public static func firstInvalid(in bytes: [UInt8]) -> UTF8Place? {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            var line = 1
            var column = 1
            while offset < buffer.count {
                guard let (_, width) = UTF8Sequence.decode(buffer, at: offset) else {
                    return UTF8Place(offset: offset, line: line, column: column)
                }
                if buffer[offset] == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += width
            }
            return nil
        }
    }

    /// The place of `offset` in text known to be valid UTF-8 up to it.
    public static func of(offset: Int, in bytes: [UInt8]) -> UTF8Place {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return UTF8Place(offset: offset, line: line, column: column)
    }
}
