import ProgressStore
import Testing
@testable import Workshop

@Suite struct RosterFileTests {
    @Test func columnsInAnyOrderWithQuotedFields() throws {
        let rows = try RosterFile.rows("Email,Group,Name,Display Name\r\nana@example.com,morning,ana,\"Souza, Ana\"\r\n,,binh,\"Tran \"\"Bob\"\" Binh\"\n")
        #expect(rows == [
            RosterRow(name: "ana", displayName: "Souza, Ana", email: "ana@example.com", group: "morning", line: 2),
            RosterRow(name: "binh", displayName: "Tran \"Bob\" Binh", line: 3),
        ])
    }

    @Test func aQuotedLineBreakKeepsLineNumbersRight() throws {
        let rows = try RosterFile.rows("name,display name\nana,\"two\nlines\"\nbinh,\n")
        #expect(rows.map(\.line) == [2, 4])
        #expect(rows[0].displayName == "two\nlines")
    }

    @Test(arguments: [
        ("display name,email\nAna,a@x\n", "line 1", "no `name` column"),
        ("name,shoe size\nana,40\n", "line 1", "unknown column `shoe size`"),
        ("name,group\nana,morning\nbinh,a,b\n", "line 3", "3 fields where the header has 2"),
        ("name,group\nana,morning\n,evening\n", "line 3", "the name is empty"),
        ("name\n\"ana\n", "line 2", "never closed"),
        ("name\nan\"a\n", "line 2", "inside an unquoted field"),
        ("", "line 1", "the file is empty"),
    ])
    func badRowsNameTheirLine(text: String, line: String, reason: String) {
        #expect {
            _ = try RosterFile.rows(text)
        } throws: { error in
            let description = "\(error)"
            return description.contains(line) && description.contains(reason)
        }
    }

    @Test func reimportUpdatesAndNeverDuplicates() throws {
        let database = try ProgressDatabase.inMemory()
        let first = try database.importRoster(RosterFile.rows("name,group\nana,morning\nbinh,morning\n"))
        #expect(first.created == 2)
        let second = try database.importRoster(RosterFile.rows("group,name,email\nafternoon,ana,\nmorning,binh,\n"))
        #expect((second.created, second.updated, second.unchanged) == (0, 1, 1))
        let learners = try database.learners()
        #expect(learners.map(\.name) == ["ana", "binh"])
        #expect(learners.map(\.group) == ["afternoon", "morning"])
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        #expect(CSVText.row(["plain", "a,b", "say \"hi\"", "two\nlines", ""]) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
    }
}
