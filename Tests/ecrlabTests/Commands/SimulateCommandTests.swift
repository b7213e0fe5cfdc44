import Foundation
import Testing

/// `simulate` runs docker's calls in order and stops at the first refusal, with AWS's own text.
@Suite struct SimulateCommandTests {
    @Test func developerPushStopsAtTheFirstRefusedCallWithAWSWording() throws {
        let workspace = try TemporaryWorkspace()
        _ = try workspace.write(ExplainCommandTests.identity, to: "identity.json")
        _ = try workspace.write(ExplainCommandTests.repositoryPolicy, to: "repository.json")
        let developer = "arn:aws:iam::111122223333:user/fcj-developer"
        let result = try workspace.run([
            "simulate", "push", "--as", developer, "--identity", "identity.json", "--repository-policy", "repository.json",
            "--context", "aws:SourceIp=203.0.113.9",
        ])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("docker login: ecr:GetAuthorizationToken on *: allowed"))
        #expect(
            result.stdout.contains(
                "User: \(developer) is not authorized to perform: ecr:BatchCheckLayerAvailability on resource: \(ExplainCommandTests.repository) because no identity-based policy allows the ecr:BatchCheckLayerAvailability action"
            ), "\(result.stdout)")
        #expect(!result.stdout.contains("ecr:InitiateLayerUpload on"), "docker stops at the first refusal")
    }

    @Test func ciUserPullSucceedsFromTheOfficeAndIsDeniedOutside() throws {
        let workspace = try TemporaryWorkspace()
        _ = try workspace.write(ExplainCommandTests.identity, to: "identity.json")
        _ = try workspace.write(ExplainCommandTests.repositoryPolicy, to: "repository.json")
        let arguments = [
            "simulate", "pull", "--as", "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user", "--identity", "identity.json",
            "--repository-policy", "repository.json", "--context",
        ]
        let office = try workspace.run(arguments + ["aws:SourceIp=203.0.113.9"])
        #expect(office.exitCode == 0, "\(office.stdout)\(office.stderr)")
        #expect(office.stdout.contains("docker pull succeeds"))
        let outside = try workspace.run(arguments + ["aws:SourceIp=192.0.2.1"])
        #expect(outside.exitCode == 1)
        #expect(outside.stdout.contains("with an explicit deny in a resource-based policy"), "\(outside.stdout)")
        #expect(outside.stdout.contains("`OfficeOnly`"), "\(outside.stdout)")
    }

    @Test func aCallerThatIsNeitherALabPrincipalNorAnARNIsAUsageError() throws {
        let result = try ECRLabExecutable.run(["simulate", "push", "--as", "fcj developer"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("`fcj developer` is neither a principal of the lab nor an ARN"), "\(result.stderr)")
    }

    @Test(arguments: ["simulate", "explain"])
    func aContextThatIsNotKeyEqualsValueIsAUsageError(command: String) throws {
        let arguments = command == "simulate"
            ? ["simulate", "pull", "--as", "fcj-developer", "--context", "=203.0.113.9"]
            : ["explain", "--principal", "anonymous", "--action", "ecr:BatchGetImage", "--context", "aws:SourceIp"]
        let result = try ECRLabExecutable.run(arguments)
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("is not KEY=VALUE"), "\(result.stderr)")
    }
}
