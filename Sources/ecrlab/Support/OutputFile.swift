import Foundation

/// A file the user named with `--output`, written whole or not at all: the bytes go to a temporary
/// file beside it that replaces it only once complete, so a full disk never leaves half a report
/// and never destroys the previous one.
enum OutputFile {
    /// Why a file could not be written, in the words of `cannot write `path`: reason`.
    struct WriteError: Error, Sendable {
        let path: String
        let reason: String
        var message: String { "cannot write `\(path)`: \(reason)" }
    }

    static func write(_ data: Data, to path: String) throws(WriteError) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw WriteError(path: path, reason: reason(EISDIR))
        }
        let folder = (path as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.ecrlab-output-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        let temporary = String(cString: template)
        var failure: Int32?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        // mkstemp makes the file private; an output file gets the usual permissions.
        if failure == nil {
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: reason(failure))
        }
    }

    /// The cause in the user's terms, with what to do about it.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EFBIG, EDQUOT:
            return "the disk is full or the file cannot grow; free space and run the command again (nothing was written)"
        case EACCES, EPERM, EROFS:
            return "its folder or the file is read-only; choose another place with --output"
        case EISDIR:
            return "it is a folder; name a file with --output"
        case ENOENT, ENOTDIR:
            return "its folder does not exist; create it or choose another place with --output"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst() + "; choose another place with --output"
        }
    }
}
