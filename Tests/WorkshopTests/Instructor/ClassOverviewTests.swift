import Foundation
import ProgressStore
import Testing
@testable import Workshop

@Suite struct ClassOverviewTests {
    let pack = InstructorFixtures.pack

    /// ana passes 04; the learner with a hostile name fails it three times; carol is only on the roster.
    func classDatabase() throws -> ProgressDatabase {
        let database = try ProgressDatabase.inMemory()
        try database.importRoster([RosterRow(name: "carol", displayName: "<b>Carol</b>", group: "g1")])
        let folder = try ClassFolder()
        try folder.write(InstructorFixtures.solution("04"), to: "ana/04-ci-push-pull.json")
        for (index, text) in ["", "{}", "{\"Version\": 1}"].enumerated() {
            try folder.write(InstructorFixtures.starter04 + text, to: "eve/04-\(index).json")
        }
        _ = try BatchGrading(pack: pack, database: database).grade(folder: folder.url)
        return database
    }

    @Test func matrixStuckAndNotStarted() throws {
        let overview = try ClassOverview.build(pack: pack, database: classDatabase())
        #expect(overview.learners.map(\.name) == ["ana", "carol", "eve"])
        let column = try #require(overview.tasks.firstIndex { $0.id == "04-ci-push-pull" })
        #expect(overview.learners.map { $0.cells[column].state } == [.passed, .notStarted, .attempted])
        #expect(overview.learners[2].cells[column].attempts == 3)
        #expect(overview.stuck.map(\.learner) == ["eve"])
        #expect(overview.notStarted == ["carol"])
        #expect(overview.commonMistakes.first?.learnerCount == 1)
        #expect(overview.objectives.map(\.id) == pack.objectives.map(\.id))
    }

    @Test func csvIsAGradebook() throws {
        let overview = try ClassOverview.build(pack: pack, database: classDatabase())
        let lines = ClassOverviewText.csv(overview).components(separatedBy: "\r\n")
        #expect(lines[0] == (["learner", "display name", "email", "group"] + pack.tasks.map(\.id) + ["passed", "score", "total"]).joined(separator: ","))
        #expect(lines.count == 5 && lines[4].isEmpty)
        let carol = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        #expect(carol.count == 4 + pack.tasks.count + 3)
        #expect(carol[0] == "carol" && carol[1] == "<b>Carol</b>")
        #expect(carol.last.map(String.init) == String(overview.totalPoints))
        #expect(lines[1].hasPrefix("ana,,,,,,,13,"))
    }

    @Test func jsonHasEveryPart() throws {
        let overview = try ClassOverview.build(pack: pack, database: classDatabase())
        let object = try JSONSerialization.jsonObject(with: Data(ClassOverviewText.json(overview).utf8)) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == ["title", "generatedAt", "tasks", "learners", "objectives", "commonMistakes", "stuck", "notStarted"])
        let learners = object?["learners"] as? [[String: Any]]
        #expect((learners?.first?["cells"] as? [Any])?.count == pack.tasks.count)
    }

    @Test func htmlEscapesEveryLearnerString() throws {
        let database = try classDatabase()
        try database.importRoster([RosterRow(name: "mallory", displayName: "<script>alert(1)</script>", group: "\"><img src=x onerror=alert(2)>")])
        let html = try ClassOverviewHTML.render(ClassOverview.build(pack: pack, database: database))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<b>Carol</b>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func theGroupFilterKeepsOnlyItsLearners() throws {
        let overview = try ClassOverview.build(pack: pack, database: classDatabase(), group: "g1")
        #expect(overview.learners.map(\.name) == ["carol"])
    }
}
