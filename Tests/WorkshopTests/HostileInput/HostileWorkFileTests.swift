import Foundation
import LabKit
import Testing
@testable import Workshop

/// The learner's own work file, read by `check` and `watch`: a pipe, a device, a huge file or bytes
/// that are not text are refused with a clear reason, before anything is read whole.
@Suite struct HostileWorkFileTests {
    func workFileProblem(_ prepare: (String) throws -> Void) throws -> String {
        let fixture = try LearnerFixture()
        let task = try fixture.task("04")
        let path = fixture.session.workFile(for: task).path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try prepare(path)
        do {
            _ = try fixture.session.workSubmission(for: task)
            Issue.record("the work file was read")
            return ""
        } catch let error as LearnerError {
            return error.description
        }
    }

    @Test func aNamedPipeIsRefusedWithoutWaitingForAWriter() throws {
        let message = try workFileProblem { try #require(mkfifo($0, 0o644) == 0) }
        #expect(message == "cannot read `work/04-ci-push-pull.json`: it is a named pipe, not a regular file")
    }

    @Test func aLinkToADeviceIsRefused() throws {
        let message = try workFileProblem { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero") }
        #expect(message == "cannot read `work/04-ci-push-pull.json`: it is a device, not a regular file")
    }

    @Test func aFiftyMegabyteFileIsRefusedByItsSize() throws {
        let message = try workFileProblem { path in
            let descriptor = open(path, O_CREAT | O_WRONLY, 0o644)
            try #require(descriptor >= 0 && ftruncate(descriptor, 50_000_000) == 0)
            close(descriptor)
        }
        #expect(message == "cannot read `work/04-ci-push-pull.json`: it is 50000000 bytes, over the 1 MiB a policy or answer file may have; check that this is the right file")
    }

    @Test func bytesThatAreNotUTF8AreLocated() throws {
        let message = try workFileProblem { try Data(Array("{\n\t\"Id\": \"".utf8) + [0xED, 0xA0, 0x80] + Array("\"}".utf8)).write(to: URL(fileURLWithPath: $0)) }
        #expect(message == "cannot read `work/04-ci-push-pull.json`: it is not UTF-8 text at line 2, column 9 (byte 0xED); save it as UTF-8 and check again")
    }

    @Test func aLinkToARealFileIsStillFollowed() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("04")
        let work = fixture.session.workFile(for: task)
        try FileManager.default.createDirectory(at: work.deletingLastPathComponent(), withIntermediateDirectories: true)
        let real = fixture.folder.appendingPathComponent("mine.json")
        try Data(task.solution.text.utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: work, withDestinationURL: real)
        #expect(try fixture.session.workSubmission(for: task).text == task.solution.text)
    }

    @Test func aMissingWorkFileStillSaysHowToGetTheStarter() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("04")
        #expect(throws: LearnerError.noWorkFile(task: task.id, path: "work/04-ci-push-pull.json")) {
            _ = try fixture.session.workSubmission(for: task)
        }
    }
}
