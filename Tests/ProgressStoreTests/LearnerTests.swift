import Foundation
import Testing
@testable import ProgressStore

@Suite struct LearnerTests {
    @Test(arguments: ["a", "alice", "Alice.Smith", "a_b-c", "x@example.com", "0", String(repeating: "z", count: 64)])
    func validNames(name: String) {
        #expect(LearnerName.isValid(name))
    }

    @Test(arguments: [
        ("", "is empty"), (String(repeating: "z", count: 65), "is longer than 64 characters"),
        (".hidden", "starts with `.`"), ("-rf", "starts with `-`"), ("two words", "contains a space"),
        ("a/b", "contains `/`"), ("<script>", "contains `<`"), ("zoë", "contains `\\u{00EB}`"),
        ("tab\there", "contains `\\t`"),
    ])
    func invalidNames(name: String, reason: String) throws {
        let database = try ProgressDatabase.inMemory()
        #expect(throws: ProgressStoreError.invalidLearnerName(name: name, reason: reason)) {
            try database.learner(named: name)
        }
    }

    @Test func getOrCreateIsCaseInsensitiveAndStable() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "Alice")
        #expect(try database.learner(named: "alice") == alice)
        #expect(try database.learner(named: "ALICE").name == "Alice")
        let many = try database.learners(named: ["alice", "bob", "bob", "carol"])
        #expect(many["alice"] == alice)
        #expect(Set(try database.learners().map(\.name)) == ["Alice", "bob", "carol"])
        #expect(try database.existingLearner(named: "dave") == nil)
    }

    // The schema holds the rule too, for anything written without the Swift check.
    @Test func schemaRefusesAnInvalidName() throws {
        let database = try ProgressDatabase.inMemory()
        #expect(throws: (any Error).self) {
            try database.write { db in
                try db.execute(sql: "INSERT INTO learner (name, createdAt) VALUES ('-x', CURRENT_TIMESTAMP)")
            }
        }
        #expect(throws: (any Error).self) {
            try database.write { db in
                try db.execute(sql: "INSERT INTO learner (name, createdAt) VALUES ('a b', CURRENT_TIMESTAMP)")
            }
        }
        try database.write { db in
            try db.execute(sql: "INSERT INTO learner (name, createdAt) VALUES ('ok.name_1@x-y', CURRENT_TIMESTAMP)")
        }
    }
}

@Suite struct HintAndSettingTests {
    @Test func hintLevelsGoUpAndStopAtTheLast() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        #expect(try database.hintsUsed(learner: alice.id, task: "t1") == 0)
        #expect(try database.recordHint(learner: alice.id, task: "t1", available: 2) == 1)
        #expect(try database.recordHint(learner: alice.id, task: "t1", available: 2) == 2)
        #expect(try database.recordHint(learner: alice.id, task: "t1", available: 2) == 2)
        #expect(try database.recordHint(learner: alice.id, task: "t2") == 1)
        #expect(try database.recordHint(learner: alice.id, task: "t3", available: 0) == 0)
        #expect(try database.hintsUsed(learner: alice.id, task: "t1") == 2)
        #expect(try database.hintUses(learner: alice.id).map(\.level) == [1, 2, 1])
    }

    @Test func learnerAndGlobalSettingsAreSeparate() throws {
        let database = try ProgressDatabase.inMemory()
        let alice = try database.learner(named: "alice")
        let bob = try database.learner(named: "bob")
        try database.setSetting(.accountId, to: "123456789012", learner: alice.id)
        try database.setSetting(.currentTask, to: "t2", learner: alice.id)
        try database.setSetting(.currentTask, to: "t3", learner: alice.id)
        try database.setSetting("lastLearner", to: "alice")
        try database.setSetting("lastLearner", to: "bob")
        #expect(try database.setting(.accountId, learner: alice.id) == "123456789012")
        #expect(try database.setting(.accountId, learner: bob.id) == nil)
        #expect(try database.setting(.currentTask, learner: alice.id) == "t3")
        #expect(try database.setting("lastLearner") == "bob")
        #expect(try database.settings() == ["lastLearner": "bob"])
        #expect(try database.settings(learner: alice.id) == [.accountId: "123456789012", .currentTask: "t3"])
        try database.setSetting(.currentTask, to: nil, learner: alice.id)
        try database.setSetting("lastLearner", to: nil)
        #expect(try database.setting(.currentTask, learner: alice.id) == nil)
        #expect(try database.settings().isEmpty)
        #expect(throws: ProgressStoreError.invalidAccountId("12345")) {
            try database.setSetting(.accountId, to: "12345", learner: alice.id)
        }
        #expect(throws: ProgressStoreError.invalidSetting(key: "")) { try database.setSetting("", to: "x") }
    }
}

@Suite struct RepositoryPolicyTests {
    let key = RepositoryKey(name: "fcj-workshop-app", account: "111122223333", region: "us-east-1")

    @Test func everyChangeIsKeptAsAnEvent() throws {
        let database = try ProgressDatabase.inMemory()
        #expect(try database.repositoryPolicy(key) == nil)
        #expect(try database.deleteRepositoryPolicy(key) == false)
        try database.setRepositoryPolicy("{\"v\":1}", on: key)
        try database.setRepositoryPolicy("{\"v\":2}", on: key)
        #expect(try database.repositoryPolicy(key) == "{\"v\":2}")
        #expect(try database.deleteRepositoryPolicy(key) == true)
        #expect(try database.deleteRepositoryPolicy(key) == false)
        #expect(try database.repositoryPolicy(key) == nil)
        let events = try database.policyEvents(key)
        #expect(events.map(\.action) == [.set, .set, .delete])
        #expect(events.map(\.policyText) == ["{\"v\":1}", "{\"v\":2}", nil])
        // Same name elsewhere is another repository.
        let other = RepositoryKey(name: key.name, account: "444455556666", region: key.region)
        #expect(try database.repositoryPolicy(other) == nil)
        #expect(try database.policyEvents(other).isEmpty)
    }

    @Test func badKeysAreRefused() throws {
        let database = try ProgressDatabase.inMemory()
        #expect(throws: ProgressStoreError.invalidAccountId("1111")) {
            try database.setRepositoryPolicy("{}", on: RepositoryKey(name: "repo", account: "1111", region: "us-east-1"))
        }
        #expect(throws: ProgressStoreError.invalidRepositoryName("r")) {
            try database.setRepositoryPolicy("{}", on: RepositoryKey(name: "r", account: "111122223333", region: "us-east-1"))
        }
    }
}
