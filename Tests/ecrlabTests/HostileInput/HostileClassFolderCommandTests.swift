import Foundation
import Testing

/// `ecrlab grade` on a class folder holding every kind of trap at once: it lists each skipped
/// entry with its reason on standard error, grades the rest, and never waits on a named pipe.
@Suite struct HostileClassFolderCommandTests {
    @Test func everyTrapIsSkippedWithItsReasonAndTheRestIsGraded() throws {
        let workspace = try TemporaryWorkspace()
        let root = workspace.url.appendingPathComponent("class").path
        let solution = String(decoding: HostileFiles.solution04, as: UTF8.self)
        try workspace.write(solution, to: "class/ana/04-ci-push-pull.json")
        try workspace.write("q1: b\nq2: a\nq3: [a, c, d]\nq4: a\n", to: "class/bob/01.yaml")
        try #require(mkfifo(root + "/ana/05.json", 0o644) == 0)
        try #require(mkfifo(root + "/pipe", 0o644) == 0)
        try #require(mknod(root + "/ana/06.json", S_IFCHR | 0o644, dev_t(1) << 8 | dev_t(3)) == 0, "device nodes need root, which the suite runs as")
        let socket = try HostileClassFolderSocket(at: root + "/ana/07.json")
        defer { socket.close() }
        try workspace.write("{}", to: "class/ana/08\n.json")
        try Self.createRaw(Array((root + "/ana/09-").utf8) + [0xFF] + Array(".json".utf8) + [0])
        symlink("loop.json", root + "/ana/loop.json")
        symlink("/etc/passwd", root + "/ana/10.json")
        symlink("../..", root + "/ana/11.json")
        try HostileFiles.sparse(50_000_000, at: "class/carl/04.json", in: workspace)
        try workspace.write("", to: "class/carl/01.yaml")

        let result = try workspace.run(["grade", "class", "--labs", HostileFiles.labs, "--db", "class.sqlite"], timeout: 60)
        #expect(result.exitCode == 0, "skips do not fail the run; the folder was graded")
        #expect(result.stdout.contains("2 graded (2 passed), 2 new attempts recorded, "), "\(result.stdout)")
        let skips = result.stderr.split(separator: "\n").map(String.init)
        for expected in [
            "ecrlab: skipped `ana/05.json`: is a named pipe, not a regular file; grade reads only plain files",
            "ecrlab: skipped `pipe`: is a named pipe, not a learner's folder",
            "ecrlab: skipped `ana/06.json`: is a device, not a regular file; grade reads only plain files",
            "ecrlab: skipped `ana/07.json`: is a socket, not a regular file; grade reads only plain files",
            "ecrlab: skipped `ana/08\\n.json`: its name contains a line break or another control character; rename it",
            "ecrlab: skipped `ana/09-\\xFF.json`: its name is not UTF-8 text; rename it",
            "ecrlab: skipped `ana/loop.json`: is a symbolic link that loops; grade reads only real files",
            "ecrlab: skipped `ana/10.json`: is a symbolic link leading outside the class folder; grade reads only real files inside it",
            "ecrlab: skipped `ana/11.json`: is a symbolic link leading outside the class folder; grade reads only real files inside it",
            "ecrlab: skipped `carl/04.json`: is 50000000 bytes, over the 1 MiB limit for a submission",
            "ecrlab: skipped `carl/01.yaml`: is empty; there is nothing to grade",
        ] {
            #expect(skips.contains(expected), "missing: \(expected)\n\(result.stderr)")
        }
        #expect(skips.count == 11, "\(result.stderr)")
        #expect(result.stdout.contains("11 skipped"), "\(result.stdout)")
    }

    static func createRaw(_ path: [UInt8]) throws {
        let descriptor = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        try #require(descriptor >= 0)
        _ = "{}".withCString { write(descriptor, $0, 2) }
        close(descriptor)
    }
}

/// A listening-less Unix socket bound at a path, so the class folder holds a socket file.
struct HostileClassFolderSocket {
    let descriptor: Int32

    init(at path: String) throws {
        descriptor = Foundation.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8.prefix($0.count - 1)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "cannot bind a socket at \(path)")
    }

    func close() { _ = Foundation.close(descriptor) }
}
