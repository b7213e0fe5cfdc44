/// Builds the text of a realistic repository policy of exactly `characterCount` characters (ECR's
/// limit is 10,240): pull and push grants to several accounts, roles and services, each narrowed
/// by conditions, as a platform team's shared repository accumulates them. Deterministic, so runs
/// compare like with like.
enum RepositoryPolicyText {
    static let pullActions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    static let pushActions = pullActions + ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
    static let readActions = ["ecr:DescribeImages", "ecr:ListImages", "ecr:DescribeImageScanFindings", "ecr:ListTagsForResource"]

    static func make(characterCount: Int = 10_240) -> String {
        var statements: [String] = []
        var index = 0
        while true {
            let candidate = statements + [statement(index)]
            guard document(candidate, id: idPrefix).count <= characterCount else { break }
            statements = candidate
            index += 1
        }
        // Fill the rest with the policy Id so the size is exact rather than "about".
        let filler = characterCount - document(statements, id: idPrefix).count
        return document(statements, id: idPrefix + String(repeating: "x", count: filler))
    }

    private static let idPrefix = "platform-shared-images-"

    private static func document(_ statements: [String], id: String) -> String {
        "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"\(id)\",\n  \"Statement\": [\n"
            + statements.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    private static func account(_ index: Int) -> String {
        let digits = String(100_000_000_000 + index * 7_919_113)
        return String(digits.suffix(12))
    }

    private static func list(_ items: [String], indent: String) -> String {
        "[\n" + items.map { "\(indent)  \"\($0)\"" }.joined(separator: ",\n") + "\n\(indent)]"
    }

    private static func statement(_ index: Int) -> String {
        let account = account(index)
        switch index % 4 {
        case 0:
            return """
                    {
                      "Sid": "PullFromWorkloadAccount\(index)",
                      "Effect": "Allow",
                      "Principal": { "AWS": "arn:aws:iam::\(account):root" },
                      "Action": \(list(pullActions, indent: "          ")),
                      "Condition": {
                        "StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
                        "Bool": { "aws:SecureTransport": "true" }
                      }
                    }
                """
        case 1:
            return """
                    {
                      "Sid": "PushFromCiRole\(index)",
                      "Effect": "Allow",
                      "Principal": { "AWS": "arn:aws:iam::\(account):role/ci-image-publisher-\(index)" },
                      "Action": \(list(pushActions, indent: "          ")),
                      "Condition": {
                        "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"] },
                        "StringLike": { "aws:PrincipalTag/team": "platform-*" }
                      }
                    }
                """
        case 2:
            return """
                    {
                      "Sid": "PullForLambda\(index)",
                      "Effect": "Allow",
                      "Principal": { "Service": "lambda.amazonaws.com" },
                      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                      "Condition": {
                        "StringLike": { "aws:sourceArn": "arn:aws:lambda:eu-west-1:\(account):function:*" }
                      }
                    }
                """
        default:
            return """
                    {
                      "Sid": "InspectFromAuditors\(index)",
                      "Effect": "Allow",
                      "Principal": {
                        "AWS": [
                          "arn:aws:iam::\(account):role/security-audit",
                          "arn:aws:iam::\(account):user/image-reviewer"
                        ]
                      },
                      "Action": \(list(readActions, indent: "          ")),
                      "Condition": {
                        "NumericLessThanEquals": { "aws:MultiFactorAuthAge": 3600 },
                        "DateGreaterThan": { "aws:CurrentTime": "2024-01-01T00:00:00Z" }
                      }
                    }
                """
        }
    }
}
