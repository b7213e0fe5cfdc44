import Foundation
import LabKit
import ProgressStore
import Testing
@testable import Workshop

@Suite struct LocalRegistryTests {
    static let repository = "fcj-workshop-app"

    @Test func aValidPolicyIsAppliedAndEveryChangeIsAnEvent() throws {
        let fixture = try LearnerFixture()
        let registry = LocalRegistry(session: fixture.session)
        let policy = try fixture.task("4").solution.text
        guard case .applied = try registry.setPolicy(policy, fileName: "policy.json", on: Self.repository) else {
            Issue.record("the section's policy was refused")
            return
        }
        #expect(try registry.policy(of: Self.repository) == policy)
        #expect(try registry.deletePolicy(of: Self.repository))
        #expect(try registry.policy(of: Self.repository) == nil)
        #expect(try !registry.deletePolicy(of: Self.repository))
        #expect(try registry.events(of: Self.repository).map(\.action) == [.set, .delete])
    }

    @Test func aPolicyWithLintErrorsIsRefusedInECRsWords() throws {
        let fixture = try LearnerFixture()
        let registry = LocalRegistry(session: fixture.session)
        let broken = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:PushEverything"}]}"#
        guard case .refused(let message, let findings) = try registry.setPolicy(broken, fileName: "p.json", on: Self.repository) else {
            Issue.record("a policy with an unknown action was applied")
            return
        }
        #expect(message == "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'")
        #expect(findings.contains { $0.message.contains("ecr:PushEverything") })
        #expect(try registry.policy(of: Self.repository) == nil)
        #expect(try registry.events(of: Self.repository).isEmpty)
    }

    @Test func aPolicyOverTheSizeLimitIsRefused() throws {
        let fixture = try LearnerFixture()
        let registry = LocalRegistry(session: fixture.session)
        let base = try fixture.task("4").solution.text
        let padded = base.replacingOccurrences(of: "\"Version\"", with: "\"Version\"" + String(repeating: " ", count: 10_240))
        #expect(padded.count > 10_240)
        guard case .refused(let message, _) = try registry.setPolicy(padded, fileName: "p.json", on: Self.repository) else {
            Issue.record("an oversized policy was applied")
            return
        }
        #expect(message.contains("10240"))
        #expect(try registry.policy(of: Self.repository) == nil)
    }

    @Test func aPolicyThatLocksEveryoneOutNeedsForce() throws {
        let fixture = try LearnerFixture()
        let registry = LocalRegistry(session: fixture.session)
        let lockOut = #"{"Version":"2012-10-17","Statement":[{"Sid":"DenyAll","Effect":"Deny","Principal":"*","Action":"ecr:*"}]}"#
        guard case .wouldLockOut = try registry.setPolicy(lockOut, fileName: "p.json", on: Self.repository) else {
            Issue.record("a lock-out was applied without --force")
            return
        }
        #expect(try registry.policy(of: Self.repository) == nil)
        guard case .applied = try registry.setPolicy(lockOut, fileName: "p.json", on: Self.repository, force: true) else {
            Issue.record("--force did not apply it")
            return
        }
        #expect(try registry.policy(of: Self.repository) == lockOut)
    }

    @Test func denyingEveryoneButTheAdminIsNotALockOut() throws {
        let fixture = try LearnerFixture()
        let registry = LocalRegistry(session: fixture.session)
        guard case .applied = try registry.setPolicy(try fixture.task("9").solution.text, fileName: "p.json", on: Self.repository) else {
            Issue.record("the deletion-protection solution was refused")
            return
        }
    }

    @Test func simulationUsesTheLabsPrincipalsAndTheAppliedPolicy() throws {
        let fixture = try LearnerFixture()
        let registry = LocalRegistry(session: fixture.session)
        _ = try registry.setPolicy(try fixture.task("4").solution.text, fileName: "p.json", on: Self.repository)
        let pipeline = try #require(try registry.simulate(.push, as: "fcj-ecr-ci-cd-user"))
        #expect(pipeline.simulation.succeeded)
        #expect(pipeline.hasAppliedPolicy)
        let developer = try #require(try registry.simulate(.push, as: "arn:aws:iam::111122223333:user/fcj-developer"))
        #expect(developer.caller.name == "fcj-developer")
        #expect(!developer.simulation.succeeded)
        #expect(try registry.simulate(.pull, as: "nobody-at-all") == nil)
    }

    @Test func theApplyTaskIsGradedWithTheAppliedPolicy() throws {
        let fixture = try LearnerFixture()
        let task = try fixture.task("12")
        #expect(!(try fixture.session.check(task).result.passed))
        _ = try LocalRegistry(session: fixture.session).setPolicy(task.solution.text, fileName: "p.json", on: Self.repository)
        #expect(try fixture.session.check(task).result.passed)
    }
}
