import Foundation
import Testing

/// The instructor's commands, end to end, on the real lab pack and a temporary class folder.
@Suite struct InstructorCommandTests {
    static let labs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("labs").path

    static let solution04 = try! String(contentsOfFile: labs + "/../solutions/04-ci-push-pull/policy.json", encoding: .utf8)
    static let starter04 = try! String(contentsOfFile: labs + "/04-ci-push-pull/policy.json", encoding: .utf8)

    func run(_ workspace: TemporaryWorkspace, _ arguments: [String]) throws -> CommandResult {
        // The roster needs no lab pack; every other instructor command grades or reports against it.
        let labs = arguments.first == "roster" ? [] : ["--labs", Self.labs]
        return try workspace.run(arguments + labs + ["--db", "class.sqlite"])
    }

    @Test func rosterGradeReportAndHistory() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("name,display name,group\nana,\"Souza, Ana\",g1\n\"<script>alert(1)</script>\",x,g1\ncarol,Carol,g2\n", to: "roster.csv")
        let badRoster = try run(workspace, ["roster", "import", "roster.csv"])
        #expect(badRoster.exitCode == 2)
        #expect(badRoster.stderr.contains("line 3"))

        try workspace.write("name,display name,group\nana,\"Souza, Ana\",g1\ncarol,Carol,g2\n", to: "roster.csv")
        #expect(try run(workspace, ["roster", "import", "roster.csv"]).stdout.contains("2 added"))
        #expect(try run(workspace, ["roster", "import", "roster.csv"]).stdout.contains("0 added, 0 updated, 2 unchanged"))

        try workspace.write(Self.solution04, to: "class/ana/04-ci-push-pull.json")
        try workspace.write(Self.starter04, to: "class/bob/04.json")
        try workspace.write("{}", to: "class/bob/04\nx.json")
        let graded = try run(workspace, ["grade", "class"])
        #expect(graded.exitCode == 0)
        #expect(graded.stdout.contains("2 graded (1 passed), 2 new attempts recorded, 1 skipped"))
        #expect(graded.stderr.contains("skipped `bob/04\\nx.json`: its name contains a line break"))
        #expect(try run(workspace, ["grade", "class"]).stdout.contains("0 new attempts recorded"))

        let csv = try run(workspace, ["grade", "class", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("learner,task,file,passed,score,maxScore,recorded,failedChecks\r\nana,04-ci-push-pull,ana/04-ci-push-pull.json,true,"))
        let junit = try run(workspace, ["grade", "class", "--format", "junit"])
        #expect(junit.stdout.contains("<testsuite name=\"bob/04-ci-push-pull\""))

        let table = try run(workspace, ["report"])
        #expect(table.exitCode == 0)
        #expect(table.stdout.contains("Not started\n  carol"))
        let gradebook = try run(workspace, ["report", "--format", "csv", "--group", "g1"])
        #expect(gradebook.stdout.components(separatedBy: "\r\n").count == 3)
        #expect(gradebook.stdout.contains("ana,\"Souza, Ana\",,g1,"))

        let history = try run(workspace, ["history", "bob", "4"])
        #expect(history.stdout.contains("bob, task 04-ci-push-pull: 1 attempt"))
        #expect(history.stdout.contains("not passed"))
        #expect(history.stdout.contains("✗ lint:"))
        #expect(try run(workspace, ["history", "nobody"]).exitCode == 2)
    }

    @Test func theHTMLReportEscapesALearnerNamedLikeAScript() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("name,display name\nmallory,<script>alert(1)</script>\n", to: "roster.csv")
        #expect(try run(workspace, ["roster", "import", "roster.csv"]).exitCode == 0)
        let result = try run(workspace, ["report", "--format", "html", "--output", "report.html"])
        #expect(result.exitCode == 0)
        let html = try workspace.read("report.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script"))
    }

    /// A roster that is not UTF-8, or larger than ecrlab reads, is refused whole: importing the part
    /// before the problem would leave part of a class out.
    @Test func aRosterThatCannotBeReadWholeImportsNothing() throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(Data(Array("name\nana\nb".utf8) + [0xFF] + Array("b\n".utf8)), to: "latin1.csv")
        let notUTF8 = try run(workspace, ["roster", "import", "latin1.csv"])
        #expect(notUTF8.exitCode == 2)
        #expect(notUTF8.stderr == "ecrlab: cannot read `latin1.csv`: it is not UTF-8 text at line 3, column 2 (byte 0xFF); save it as UTF-8 and import it again\n")

        var large = "name\n"
        while large.utf8.count <= 16 << 20 { large += String(repeating: "learner\(large.utf8.count)\n", count: 1000) }
        try workspace.write(large, to: "large.csv")
        let tooLarge = try run(workspace, ["roster", "import", "large.csv"])
        #expect(tooLarge.exitCode == 2)
        #expect(tooLarge.stderr == "ecrlab: cannot read `large.csv`: it is larger than 16 MiB, the most ecrlab reads; check that this is the right file\n")
        try workspace.write("name\nana\n", to: "ana.csv")
        #expect(try run(workspace, ["roster", "import", "ana.csv"]).stdout.contains("1 added"))
    }

    /// An output file that cannot be written says why in the user's terms and leaves nothing behind.
    @Test(arguments: [
        ("missing/report.txt", "ecrlab: cannot write `missing/report.txt`: its folder does not exist; create it or choose another place with --output\n"),
        ("folder", "ecrlab: cannot write `folder`: it is a folder; name a file with --output\n"),
    ])
    func reportToAnOutputThatCannotBeWritten(output: String, message: String) throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("name\nana\n", to: "roster.csv")
        #expect(try run(workspace, ["roster", "import", "roster.csv"]).exitCode == 0)
        try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let result = try run(workspace, ["report", "--output", output])
        #expect(result.exitCode == 2)
        #expect(result.stderr == message)
        #expect(!workspace.exists("missing"))
    }

    @Test func progressImportRegradesAndRefusesNonBundles() throws {
        let learner = try TemporaryWorkspace()
        try learner.write(Self.starter04, to: "class/ana/04.json")
        #expect(try run(learner, ["grade", "class"]).exitCode == 0)
        let exported = try run(learner, ["progress", "export", "--learner", "ana", "--output", "ana.json"])
        #expect(exported.exitCode == 0)
        let forged = try learner.read("ana.json").replacingOccurrences(of: "\"passed\" : false", with: "\"passed\" : true")

        let instructor = try TemporaryWorkspace()
        try instructor.write(forged, to: "ana.json")
        try instructor.write(Self.solution04, to: "policy.json")
        let first = try run(instructor, ["progress", "import", "ana.json", "policy.json"])
        #expect(first.exitCode == 2)
        #expect(first.stdout.contains("ana, 1 attempt added"))
        #expect(first.stdout.contains("1 verdict in the bundle differed from the re-grade"))
        #expect(first.stderr.contains("`policy.json` is not an ecrlab progress bundle"))
        let second = try run(instructor, ["progress", "import", "ana.json"])
        #expect(second.exitCode == 0)
        #expect(second.stdout.contains("0 attempts added, 1 already there"))
        #expect(try run(instructor, ["report"]).stdout.contains("0/13"))
    }
}
