import Foundation
import Testing

/// The harness itself: a test that relies on it must be able to trust its exit codes, streams and timeout.
@Suite struct HarnessTests {
    @Test func findsTheBuiltExecutable() throws {
        let url = try ECRLabExecutable.url()
        #expect(url.lastPathComponent == "ecrlab")
        #expect(FileManager.default.isExecutableFile(atPath: url.path))
    }

    @Test func aHangingRunIsKilledAndReported() throws {
        // `lint -` with stdin left open would wait forever; the harness must give up, not hang.
        let workspace = try TemporaryWorkspace()
        let fifo = workspace.url.appendingPathComponent("never-written")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(throws: HarnessError.self) {
            try workspace.run(["lint", "never-written"], timeout: 1)
        }
    }
}
