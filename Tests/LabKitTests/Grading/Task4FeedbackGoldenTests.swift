import Foundation
import Testing
@testable import LabKit

/// The feedback on the section's own task for the mistakes learners make most, pinned word for word.
@Suite struct Task4FeedbackGoldenTests {
    static let task = "04-ci-push-pull"

    /// Each mistake is the reference solution changed the way a learner would change it.
    static let mistakes: [(name: String, edit: @Sendable (String) -> String)] = [
        ("solution", { $0 }),
        ("missing-one-action", { $0.replacingOccurrences(of: "        \"ecr:InitiateLayerUpload\",\n", with: "") }),
        ("star-principal", {
            $0.replacingOccurrences(of: "\"Principal\": {\n        \"AWS\": \"arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user\"\n      }",
                                    with: "\"Principal\": \"*\"")
        }),
        ("placeholder-left", { $0.replacingOccurrences(of: "111122223333", with: "<YOUR_AWS_ACCOUNT_ID>") }),
        ("ecr-star", { replaceActions($0, with: "\"ecr:*\"") }),
        ("wrong-user-name", { $0.replacingOccurrences(of: "user/fcj-ecr-ci-cd-user", with: "user/fcj-ecr-cicd-user") }),
        ("resource-wrong-region", {
            $0.replacingOccurrences(of: "      ]\n    }",
                                    with: "      ],\n      \"Resource\": \"arn:aws:ecr:ap-southeast-1:111122223333:repository/fcj-workshop-app\"\n    }")
        }),
        ("get-authorization-token-inside", {
            $0.replacingOccurrences(of: "        \"ecr:CompleteLayerUpload\"\n", with: "        \"ecr:CompleteLayerUpload\",\n        \"ecr:GetAuthorizationToken\"\n")
        }),
    ]

    static func replaceActions(_ policy: String, with actions: String) -> String {
        guard let start = policy.range(of: "\"Action\": ["), let end = policy.range(of: "]", range: start.upperBound..<policy.endIndex)
        else { return policy }
        return policy.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "\"Action\": \(actions)")
    }

    @Test(arguments: mistakes.map(\.name))
    func feedback(name: String) throws {
        let bench = try GradingBench()
        let edit = try #require(Self.mistakes.first { $0.name == name }).edit
        let text = edit(try bench.solution(Self.task))
        if name != "solution" { #expect(text != (try bench.solution(Self.task)), "the edit for \(name) changed nothing") }
        let result = try bench.grade(Self.task, text)
        #expect(result.passed == (name == "solution"))
        try GradingGolden.check(GradeTextRenderer().render(result), named: "task4-\(name)")
    }
}
