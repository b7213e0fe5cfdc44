import Testing

@testable import PolicyCore

/// Reads and decodes `text`; records an issue when the text is not valid JSON, since these tests
/// are about the decoder.
func decode(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (policy: Policy?, findings: [Finding]) {
    let document = JSONReader().read(text)
    guard let root = document.root else {
        Issue.record("not JSON: \(document.findings)", sourceLocation: sourceLocation)
        return (nil, document.findings)
    }
    let decoded = PolicyDecoder().decode(root)
    return (decoded.policy, document.findings + decoded.findings)
}

/// A policy with one statement whose members are `members` (JSON text without braces).
func statementPolicy(_ members: String) -> String {
    "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\(members)}\n  ]\n}"
}

/// The section's policy, with a real account id in place of its placeholder.
let sectionPolicyText = """
    {
      "Version": "2008-10-17",
      "Statement": [
        {
          "Sid": "AllowPushPullFromCICDUser",
          "Effect": "Allow",
          "Principal": {
            "AWS": "arn:aws:iam::111122223333:user/fcj-ecr-ci-cd-user"
          },
          "Action": [
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "ecr:BatchCheckLayerAvailability",
            "ecr:PutImage",
            "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload"
          ]
        }
      ]
    }
    """

let sectionActions = [
    "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:PutImage",
    "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
]

func located(_ values: [String]) -> [Located<String>] { values.map { Located($0) } }
