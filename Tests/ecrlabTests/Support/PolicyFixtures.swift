import Foundation

/// Policies the CLI tests feed to the binary, written as a learner would write them.
enum PolicyFixtures {
    /// The section's own repository policy, exactly as the workshop gives it, placeholder included.
    static let sectionWithPlaceholder = """
        {
          "Version": "2008-10-17",
          "Statement": [
            {
              "Sid": "AllowPushPullFromCICDUser",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::<YOUR_AWS_ACCOUNT_ID>:user/fcj-ecr-ci-cd-user"
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

    /// The same policy with a real account id: lints clean as a repository policy.
    static let sectionClean = sectionWithPlaceholder.replacingOccurrences(of: "<YOUR_AWS_ACCOUNT_ID>", with: "111122223333")

    /// A comma missing between two keys, and the file cut off before its end.
    static let brokenJSON = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow" "Action": "ecr:BatchGetImage"}

        """

    /// Public pull for everyone: valid, but a security finding.
    static let publicPull = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "PublicPull",
              "Effect": "Allow",
              "Principal": "*",
              "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
            }
          ]
        }

        """
}
