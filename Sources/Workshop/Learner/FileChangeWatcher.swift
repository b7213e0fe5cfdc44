import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for a file to be saved: inotify on the file's folder on Linux (editors often save by writing a
/// new file and renaming it, which a watch on the file itself would miss), else polling its
/// modification time every half second. Every wait is bounded, so the caller can stop between waits.
public final class FileChangeWatcher {
    public let file: URL
    public private(set) var usesInotify = false
    private var descriptor: Int32 = -1
    private var lastStamp: FileStamp?

    public static let pollInterval: TimeInterval = 0.5

    public init(file: URL, forcePolling: Bool = false) {
        self.file = file
        lastStamp = FileStamp(file)
        #if os(Linux)
        if !forcePolling {
            let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            if fd >= 0 {
                let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE)
                if inotify_add_watch(fd, file.deletingLastPathComponent().path, mask) >= 0 {
                    descriptor = fd
                    usesInotify = true
                } else {
                    close(fd)
                }
            }
        }
        #endif
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Waits at most `timeout` seconds; true when the file's content may have changed since the last call.
    public func waitForChange(timeout: TimeInterval = FileChangeWatcher.pollInterval) -> Bool {
        if descriptor >= 0 {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(timeout * 1000))
            guard ready > 0 else { return false }
            drain()
            // Editors write in several steps; let the save finish before reading the file.
            usleep(50_000)
            drain()
        } else {
            usleep(useconds_t(timeout * 1_000_000))
        }
        let stamp = FileStamp(file)
        defer { lastStamp = stamp }
        return stamp != lastStamp
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}

/// What tells one save from another: modification time, size and inode (a rename gives a new inode).
struct FileStamp: Equatable {
    var seconds: Int
    var nanoseconds: Int
    var size: Int64
    var inode: UInt64

    init?(_ file: URL) {
        var status = stat()
        guard stat(file.path, &status) == 0 else { return nil }
        seconds = Int(status.st_mtim.tv_sec)
        nanoseconds = Int(status.st_mtim.tv_nsec)
        size = Int64(status.st_size)
        inode = UInt64(status.st_ino)
    }
}
