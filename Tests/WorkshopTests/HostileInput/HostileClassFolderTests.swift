import Foundation
import LabKit
import ProgressStore
import Testing
@testable import Workshop

/// A class folder as a careless or hostile learner can leave it. Grading lists each entry it
/// cannot use with the reason, grades the rest, and never blocks on a pipe or reads a huge file.
@Suite struct HostileClassFolderTests {
    let pack = InstructorFixtures.pack

    /// Writes raw bytes under a path given as raw bytes, so names need not be UTF-8.
    static func write(_ bytes: [UInt8], to path: [UInt8], in folder: ClassFolder) throws {
        let full = Array(folder.url.path.utf8) + [UInt8(ascii: "/")] + path + [0]
        let descriptor = full.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        }
        try #require(descriptor >= 0, "cannot create \(String(decoding: path, as: UTF8.self))")
        defer { close(descriptor) }
        try #require(bytes.isEmpty || bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
    }

    static func makeFolder(_ path: [UInt8], in folder: ClassFolder) throws {
        let full = Array(folder.url.path.utf8) + [UInt8(ascii: "/")] + path + [0]
        try #require(full.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) } } == 0)
    }

    func grade(_ folder: ClassFolder) throws -> (graded: [String], reasons: [String: String]) {
        let outcome = try BatchGrading(pack: pack, database: try .inMemory()).grade(folder: folder.url)
        return (outcome.graded.map(\.path), Dictionary(uniqueKeysWithValues: outcome.skipped.map { ($0.path, $0.reason) }))
    }

    @Test func specialFilesAreSkippedByKindWithoutBlocking() throws {
        let folder = try ClassFolder()
        let root = folder.url.path
        try folder.write(InstructorFixtures.solution("04"), to: "ana/04-ci-push-pull.json")
        try #require(mkfifo(root + "/ana/05.json", 0o644) == 0)
        try #require(mknod(root + "/ana/06.json", S_IFCHR | 0o644, dev_t(1) << 8 | dev_t(3)) == 0, "device nodes need root, which the suite runs as")
        let socketDescriptor = try Self.bindSocket(at: root + "/ana/07.json")
        defer { close(socketDescriptor) }
        try #require(mkfifo(root + "/fifo", 0o644) == 0)

        let (graded, reasons) = try grade(folder)
        #expect(graded == ["ana/04-ci-push-pull.json"])
        #expect(reasons["ana/05.json"] == "is a named pipe, not a regular file; grade reads only plain files")
        #expect(reasons["ana/06.json"] == "is a device, not a regular file; grade reads only plain files")
        #expect(reasons["ana/07.json"] == "is a socket, not a regular file; grade reads only plain files")
        #expect(reasons["fifo"] == "is a named pipe, not a learner's folder")
    }

    @Test func namesThatAreNotUTF8AreSkippedAndShownWithTheirBytes() throws {
        let folder = try ClassFolder()
        try folder.write(InstructorFixtures.solution("04"), to: "ana/04-ci-push-pull.json")
        try Self.write(Array("{}".utf8), to: Array("ana/04-".utf8) + [0xFF, 0xFE] + Array(".json".utf8), in: folder)
        try Self.write(Array("{}".utf8), to: Array("ana/05-caf".utf8) + [0xE9] + Array(".json".utf8), in: folder)
        try Self.makeFolder(Array("b".utf8) + [0xC0, 0xAF] + Array("b".utf8), in: folder)
        try Self.write(Array("{}".utf8), to: Array("b".utf8) + [0xC0, 0xAF] + Array("b/04.json".utf8), in: folder)
        try Self.write(Array("{}".utf8), to: [0xED, 0xA0, 0x80], in: folder)

        let (graded, reasons) = try grade(folder)
        #expect(graded == ["ana/04-ci-push-pull.json"])
        let reason = "its name is not UTF-8 text; rename it"
        #expect(reasons == [
            "ana/04-\\xFF\\xFE.json": reason, "ana/05-caf\\xE9.json": reason, "b\\xC0\\xAFb": reason, "\\xED\\xA0\\x80": reason,
        ])
    }

    @Test func aFiftyMegabyteSubmissionIsRefusedByItsSizeAndAnEmptyOneIsNotGraded() throws {
        let folder = try ClassFolder()
        try folder.write(InstructorFixtures.solution("04"), to: "ana/04-ci-push-pull.json")
        let big = open(folder.url.path + "/ana/05.json", O_CREAT | O_WRONLY, 0o644)
        try #require(big >= 0 && ftruncate(big, 50_000_000) == 0)
        close(big)
        try folder.write("", to: "ana/07.json")
        try folder.write("", to: "ana/01.yaml")

        let (graded, reasons) = try grade(folder)
        #expect(graded == ["ana/04-ci-push-pull.json"])
        #expect(reasons["ana/05.json"] == "is 50000000 bytes, over the 1 MiB limit for a submission")
        #expect(reasons["ana/07.json"] == "is empty; there is nothing to grade")
        #expect(reasons["ana/01.yaml"] == "is empty; there is nothing to grade")
    }

    @Test func textThatIsNotUTF8OrHoldsANULIsSkippedSayingWhere() throws {
        let folder = try ClassFolder()
        try Self.makeFolder(Array("ana".utf8), in: folder)
        try Self.write(Array("{\n  \"Version\": \"".utf8) + [0xC0, 0xAF] + Array("\"\n}".utf8), to: Array("ana/04.json".utf8), in: folder)
        try Self.write(Array("q1: b\nq2: a".utf8) + [0] + Array("\n".utf8), to: Array("ana/01.yaml".utf8), in: folder)
        let (graded, reasons) = try grade(folder)
        #expect(graded.isEmpty)
        #expect(reasons["ana/04.json"] == "is not UTF-8 text at line 2, column 15 (byte 0xC0); save it as UTF-8")
        #expect(reasons["ana/01.yaml"] == "contains a NUL character (line 2, column 6); it is not a text file")
    }

    @Test func linkLoopsAndLinksOutOfTheFolderAreSkippedWhereverTheyAre() throws {
        let folder = try ClassFolder()
        let root = folder.url.path
        try folder.write(InstructorFixtures.solution("04"), to: "ana/04-ci-push-pull.json")
        symlink("eve", root + "/eve")                      // a learner folder that is a loop
        symlink("b", root + "/a")                           // a two-link loop
        symlink("a", root + "/b")
        symlink("../ana", root + "/ana/05.json")            // a link back up to the learner's own folder
        symlink("/etc/passwd", root + "/ana/06.json")       // out of the folder
        symlink("/dev/zero", root + "/ana/07.json")         // to a device
        try FileManager.default.createDirectory(atPath: root + "/carl", withIntermediateDirectories: true)
        symlink("..", root + "/carl/04.json")

        let (graded, reasons) = try grade(folder)
        #expect(graded == ["ana/04-ci-push-pull.json"])
        #expect(reasons["eve"] == "is a symbolic link that loops; grade reads only real files")
        #expect(reasons["a"] == "is a symbolic link that loops; grade reads only real files")
        #expect(reasons["b"] == "is a symbolic link that loops; grade reads only real files")
        #expect(reasons["ana/05.json"] == "is a symbolic link; grade reads only real files, copy the file itself in")
        #expect(reasons["ana/06.json"]?.contains("leading outside the class folder") == true)
        #expect(reasons["ana/07.json"]?.contains("leading outside the class folder") == true)
        #expect(reasons["carl/04.json"] == "is a symbolic link; grade reads only real files, copy the file itself in")
    }

    static func bindSocket(at path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8.prefix($0.count - 1)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "cannot bind a socket at \(path)")
        return descriptor
    }
}
