import Foundation

@testable import PolicyCore

/// Hostile policies, generated at test time so that nothing large is committed.
enum HostilePolicies {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The section's push-and-pull policy as the workshop ships it: the solution, and the starter
    /// with its placeholders.
    static let realPolicies: [(name: String, bytes: [UInt8])] = ["solutions/04-ci-push-pull/policy.json", "labs/04-ci-push-pull/policy.json"]
        .map { path in (path, Array(try! Data(contentsOf: packageRoot.appendingPathComponent(path)))) }

    static let account = "111122223333"
    static let repositoryARN = "arn:aws:ecr:us-east-1:111122223333:repository/"

    static func user(_ index: Int) -> String { "arn:aws:iam::\(account):user/u\(index)" }

    /// `count` statements, one per user: even users may pull an image, odd users may push one.
    /// Minified, 10,000 of them stay under the reader's 1 MiB.
    static func manyStatements(_ count: Int) -> String {
        let statements = (0..<count).map { index in
            #"{"Effect":"Allow","Principal":{"AWS":"\#(user(index))"},"Action":"ecr:\#(index % 2 == 0 ? "BatchGetImage" : "PutImage")"}"#
        }
        return #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
    }

    /// An identity policy allowing `ecr:PutImage` on the resources `pattern` matches.
    static func identityPolicy(resource pattern: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:PutImage","Resource":"\#(pattern)"}]}"#
    }

    static func compile(_ text: String, side: StatementReference.Side) throws -> CompiledPolicy {
        try CompiledPolicy.compile(ParsedPolicy(name: "\(side).json", text: text), side: side).get()
    }
}
