import Foundation

/// What lies at a progress database's path, found out before SQLite opens it. SQLite quietly starts
/// a fresh database in an empty or missing file, drops a write-ahead log it cannot read, and follows
/// a link to wherever it points; so anything ecrlab must not write into is refused here first,
/// with nothing created or changed.
struct DatabaseFile: Sendable {
    /// The path as the user gave it (used in messages).
    let path: String
    /// The size of the database file, nil when there is none yet.
    let size: Int64?
    /// The `-wal` file holds changes not yet merged into the database file.
    let hasPendingLog: Bool
    /// A `-shm` file exists: another process may have the database open right now.
    let hasSharedMemory: Bool
    /// This process can change the database file and create files next to it.
    let isWritable: Bool

    var logPath: String { path + "-wal" }
    var folder: String { Self.folder(of: path) }

    /// The path handed to SQLite: a relative path that starts with `file:` would be read as a URI.
    var sqlitePath: String { path.hasPrefix("file:") ? "./" + path : path }

    /// A read-only URI for a database whose folder cannot hold the `-shm` file SQLite needs to read in
    /// WAL mode. Only used when the log is empty and no `-shm` exists, that is when no process has the
    /// database open: then the database file alone is the whole database.
    var immutableURI: String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?immutable=1"
    }

    // MARK: - Before anything is created

    /// Creates the folder that will hold the database when it is missing, and refuses a path that is
    /// not, or cannot become, a plain file: a folder, a dangling link, a device, a path through a file.
    static func prepare(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                guard stat(path, &info) == 0 else {
                    throw ProgressStoreError.danglingLink(path: path, target: linkTarget(path))
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return
            case S_IFDIR: throw ProgressStoreError.notAFile(path: path, kind: "a folder")
            default: throw ProgressStoreError.notAFile(path: path, kind: "not a regular file")
            }
        }
        try createFolder(folder(of: path), for: path)
    }

    private static func createFolder(_ folder: String, for path: String) throws {
        var info = stat()
        if stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
        // Name the part of the path that is in the way rather than repeating the whole path.
        var ancestor = folder
        while true {
            if lstat(ancestor, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFLNK, stat(ancestor, &info) != 0 {
                    throw ProgressStoreError.cannotCreateFolder(
                        path: path, reason: "`\(ancestor)` is a link to `\(linkTarget(ancestor))`, which does not exist")
                }
                if info.st_mode & S_IFMT != S_IFDIR {
                    throw ProgressStoreError.cannotCreateFolder(path: path, reason: "`\(ancestor)` is a file, not a folder")
                }
                break
            }
            let parent = Self.folder(of: ancestor)
            if parent == ancestor { break }
            ancestor = parent
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let reason = access(ancestor, W_OK) == 0 ? "the folder cannot be created"
                : ancestor == "." ? "the current folder is read-only" : "`\(ancestor)` is read-only"
            throw ProgressStoreError.cannotCreateFolder(path: path, reason: reason)
        }
    }

    // MARK: - Before SQLite opens the file

    /// Reads the database file's header and the log's header. Run while holding the opening lock, so
    /// that a file another process is creating is seen only once it is complete.
    static func inspect(_ path: String) throws -> DatabaseFile {
        let logPath = path + "-wal"
        let size = fileSize(path)
        if let size, size > 0 {
            let header = readPrefix(path, count: 100)
            guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
                throw ProgressStoreError.notADatabase(path: path)
            }
            let pageSize = Int(header[16]) << 8 | Int(header[17])
            guard pageSize == 1 || (pageSize >= 512 && pageSize & (pageSize - 1) == 0) else {
                throw ProgressStoreError.damaged(path: path)
            }
        }
        let logSize = fileSize(logPath)
        let hasPendingLog = (logSize ?? 0) > 0
        if hasPendingLog {
            // A log being rewritten by another process can be caught half-written: look twice.
            if !logHeaderIsValid(readPrefix(logPath, count: 32)) {
                usleep(50_000)
                if !logHeaderIsValid(readPrefix(logPath, count: 32)) {
                    throw ProgressStoreError.damagedLog(path: path)
                }
            }
        }
        let folder = folder(of: path)
        let companions = [logPath, path + "-shm"].filter { fileSize($0) != nil }
        let isWritable = access(folder, W_OK | X_OK) == 0
            && (size == nil || access(path, W_OK) == 0)
            && companions.allSatisfy { access($0, R_OK | W_OK) == 0 }
        return DatabaseFile(path: path, size: size, hasPendingLog: hasPendingLog,
                            hasSharedMemory: fileSize(path + "-shm") != nil, isWritable: isWritable)
    }

    /// Whether 32 bytes are a write-ahead log header SQLite would accept: its magic number, format
    /// version, a page size SQLite can use, and the checksum of the first 24 bytes.
    static func logHeaderIsValid(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 32 else { return false }
        func bigEndian(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        func littleEndian(_ at: Int) -> UInt32 {
            UInt32(bytes[at + 3]) << 24 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        let magic = bigEndian(0)
        let pageSize = bigEndian(8)
        guard magic & 0xFFFF_FFFE == 0x377F_0682, bigEndian(4) == 3_007_000,
              pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0
        else { return false }
        // The low bit of the magic number says in which byte order the checksum reads the words.
        let word = magic & 1 == 1 ? bigEndian : littleEndian
        var first: UInt32 = 0, second: UInt32 = 0
        for offset in stride(from: 0, to: 24, by: 8) {
            first = first &+ word(offset) &+ second
            second = second &+ word(offset + 4) &+ first
        }
        return first == bigEndian(24) && second == bigEndian(28)
    }

    // MARK: - Files

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The size of a regular file (following links), nil when there is none.
    static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    private static func readPrefix(_ path: String, count: Int) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(filled)) }
            if read < 0 && errno == EINTR { continue }
            if read <= 0 { break }
            filled += read
        }
        return Array(bytes[..<filled])
    }

    private static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    }
}
