import Foundation
import LabKit
import PolicyCore

/// A file named on the command line, read whole as bytes. `-` is standard input.
/// Reading stops just past the policy reader's size limit, so a huge file or an endless device
/// costs a bounded amount of memory and still gets its "too large" finding.
struct InputFile: Sendable {
    static let standardInputName = "<stdin>"

    /// The name used in messages: the path as typed, or `<stdin>`.
    let name: String
    /// At most `limit + 1` bytes: one more than the limit means the file is larger.
    let bytes: [UInt8]
    let limit: Int

    /// Why a file could not be read, in the words of `cannot read `path`: reason`.
    struct ReadError: Error, Sendable {
        let path: String
        let reason: String
        var message: String { "cannot read `\(path)`: \(reason)" }
    }

    static func read(_ path: String, limit: Int = JSONReader.defaultMaximumSize) throws(ReadError) -> InputFile {
        if path == "-" {
            return InputFile(name: standardInputName, bytes: try readAll(STDIN_FILENO, path: path, limit: limit), limit: limit)
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(path: path, reason: "it is a directory; name the policy files in it")
        }
        return InputFile(name: path, bytes: try readAll(descriptor, path: path, limit: limit), limit: limit)
    }

    /// The bytes as text, for the commands that need text rather than a policy's findings: refused
    /// when over the limit (the bytes were cut there) or not UTF-8 (saying where).
    func text(then advice: String = "check again") throws(ReadError) -> String {
        if bytes.count > limit {
            throw ReadError(path: name, reason: "it is larger than \(limit >> 20) MiB, the most ecrlab reads; check that this is the right file")
        }
        switch PlainTextFile.text(of: bytes) {
        case .success(let text):
            return text
        case .failure(let problem):
            throw ReadError(path: name, reason: "it \(problem.reason)" + (problem.isNotUTF8 ? " and \(advice)" : ""))
        }
    }

    /// Up to `limit + 1` bytes, so the reader can tell "exactly at the limit" from "over it".
    private static func readAll(_ descriptor: Int32, path: String, limit: Int) throws(ReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: reason(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The system's reason, lower-cased to read as the end of our sentence.
    private static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let reason = String(cString: text)
        return reason.prefix(1).lowercased() + reason.dropFirst()
    }
}
