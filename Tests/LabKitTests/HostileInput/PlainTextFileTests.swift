import Foundation
import Testing
@testable import LabKit

/// The reader every file from someone else goes through: regular files only, bounded, located.
@Suite struct PlainTextFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plain-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func read(_ name: String, limit: Int = 1 << 20, followingLinks: Bool = true) -> Result<String, PlainTextFile.Problem> {
        defer { try? FileManager.default.removeItem(at: folder) }
        return PlainTextFile.read(atPath: path(name), limit: limit, followingLinks: followingLinks)
    }

    @Test func aFiftyMegabyteFileIsRefusedByItsSizeWithoutBeingRead() throws {
        // Sparse: 50 MB long, nothing on disk. Its exact size in the reason shows it was refused by
        // its size; a read would have stopped at 1 MiB + 1 byte without knowing the rest.
        let descriptor = open(path("big.json"), O_CREAT | O_WRONLY, 0o644)
        try #require(descriptor >= 0)
        try #require(ftruncate(descriptor, 50_000_000) == 0)
        close(descriptor)
        let result = read("big.json")
        #expect(result == .failure(.tooLarge(size: 50_000_000, limit: 1 << 20)))
        #expect(result.problem?.reason == "is 50000000 bytes, over the 1 MiB limit")
    }

    @Test func aFileOfExactlyTheLimitIsRead() throws {
        try Data(repeating: UInt8(ascii: "a"), count: 1 << 20).write(to: folder.appendingPathComponent("full.txt"))
        #expect((try? read("full.txt").get())?.utf8.count == 1 << 20)
    }

    @Test func aNamedPipeIsRefusedAtOnceEvenWithNoWriter() throws {
        try #require(mkfifo(path("pipe.json"), 0o644) == 0)
        #expect(read("pipe.json") == .failure(.notRegular(kind: "a named pipe")))
    }

    @Test func aDeviceIsRefusedWithoutBeingOpened() {
        #expect(PlainTextFile.read(atPath: "/dev/zero", limit: 1 << 20) == .failure(.notRegular(kind: "a device")))
        #expect(PlainTextFile.read(atPath: "/dev/urandom", limit: 1 << 20).problem?.reason == "is a device, not a regular file")
    }

    @Test func aSocketIsRefused() throws {
        let socketPath = path("s.sock")
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: socketPath.utf8.prefix($0.count - 1)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        #expect(read("s.sock") == .failure(.notRegular(kind: "a socket")))
    }

    @Test func linksAreFollowedOnlyWhenAsked() throws {
        try "{}".write(to: folder.appendingPathComponent("real.json"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path("link.json"), withDestinationPath: "real.json")
        try FileManager.default.createSymbolicLink(atPath: path("loop.json"), withDestinationPath: "loop.json")
        #expect(PlainTextFile.read(atPath: path("link.json"), limit: 100) == .success("{}"))
        #expect(PlainTextFile.read(atPath: path("link.json"), limit: 100, followingLinks: false) == .failure(.symbolicLink))
        #expect(PlainTextFile.read(atPath: path("loop.json"), limit: 100) == .failure(.unreadable(reason: "its symbolic links loop")))
        #expect(read("loop.json", followingLinks: false) == .failure(.symbolicLink))
    }

    @Test func textThatStopsBeingUTF8SaysWhere() throws {
        try Data(Array("{\n  \"é\": \"日".utf8) + [0xE6, 0x97] + Array("\"\n}".utf8)).write(to: folder.appendingPathComponent("p.json"))
        let result = read("p.json")
        #expect(result == .failure(.notUTF8(line: 2, column: 10, byte: 0xE6)))
        #expect(result.problem?.reason == "is not UTF-8 text at line 2, column 10 (byte 0xE6); save it as UTF-8")
    }

    @Test func aMissingFileAndAFolderAreNamedAsSuch() throws {
        #expect(PlainTextFile.read(atPath: path("nothing.json"), limit: 100) == .failure(.missing))
        #expect(read("") == .failure(.notRegular(kind: "a folder")))
    }

    @Test func everyInvalidSequenceIsFoundAtItsFirstByte() {
        let cases: [([UInt8], Int)] = [
            ([0x61, 0x80], 1), ([0xC0, 0xAF], 0), ([0xE0, 0x80, 0x80], 0), ([0xED, 0xA0, 0x80], 0), ([0x61, 0x62, 0xE6, 0x97], 2),
            ([0xF0, 0x9F, 0x98], 0), ([0xF4, 0x90, 0x80, 0x80], 0), ([0xF5], 0), ([0x0A, 0x0A, 0xC3, 0xA9, 0xFF], 4),
        ]
        for (bytes, offset) in cases {
            #expect(UTF8Place.firstInvalid(in: bytes)?.offset == offset, "\(bytes)")
        }
        #expect(UTF8Place.firstInvalid(in: [0x0A, 0x0A, 0xC3, 0xA9, 0xFF]).map { [$0.line, $0.column] } == [3, 2])
        #expect(UTF8Place.firstInvalid(in: Array("résumé 日本 😀\n".utf8)) == nil)
    }
}

extension Result where Failure == PlainTextFile.Problem {
    var problem: PlainTextFile.Problem? {
        if case .failure(let problem) = self { return problem }
        return nil
    }
}
