/// The ECR IAM action names lab files may use, with their scope.
///
/// A stand-in for PolicyCore's ECR catalogue: once that lands, `LabPack.load` should take its names from
/// there and this file goes away. Same source: the ECR service model and the Service Authorization Reference.
public enum ECRActionNames {
    /// Every catalogued action, `ecr:` prefix included.
    public static let all: [String] = repositoryScoped + accountScoped

    public static let repositoryScoped: [String] = [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchDeleteImage",
        "ecr:BatchGetImage",
        "ecr:BatchGetRepositoryScanningConfiguration",
        "ecr:BatchImportUpstreamImage",
        "ecr:CompleteLayerUpload",
        "ecr:CreateRepository",
        "ecr:DeleteLifecyclePolicy",
        "ecr:DeleteRepository",
        "ecr:DeleteRepositoryPolicy",
        "ecr:DescribeImageReplicationStatus",
        "ecr:DescribeImageScanFindings",
        "ecr:DescribeImageSigningStatus",
        "ecr:DescribeImages",
        "ecr:DescribeRepositories",
        "ecr:GetDownloadUrlForLayer",
        "ecr:GetImageCopyStatus",
        "ecr:GetLifecyclePolicy",
        "ecr:GetLifecyclePolicyPreview",
        "ecr:GetRepositoryPolicy",
        "ecr:InitiateLayerUpload",
        "ecr:ListImages",
        "ecr:ListTagsForResource",
        "ecr:PutImage",
        "ecr:PutImageScanningConfiguration",
        "ecr:PutImageTagMutability",
        "ecr:PutLifecyclePolicy",
        "ecr:ReplicateImage",
        "ecr:SetRepositoryPolicy",
        "ecr:StartImageScan",
        "ecr:StartLifecyclePolicyPreview",
        "ecr:TagResource",
        "ecr:UntagResource",
        "ecr:UpdateImageStorageClass",
        "ecr:UploadLayerPart",
    ]

    /// Actions on `"*"` only, decided by identity policies alone.
    public static let accountScoped: [String] = [
        "ecr:CreatePullThroughCacheRule",
        "ecr:CreateRepositoryCreationTemplate",
        "ecr:DeletePullThroughCacheRule",
        "ecr:DeleteRegistryPolicy",
        "ecr:DeleteRepositoryCreationTemplate",
        "ecr:DeleteSigningConfiguration",
        "ecr:DeregisterPullTimeUpdateExclusion",
        "ecr:DescribePullThroughCacheRules",
        "ecr:DescribeRegistry",
        "ecr:DescribeRepositoryCreationTemplates",
        "ecr:GetAccountSetting",
        "ecr:GetAuthorizationToken",
        "ecr:GetRegistryPolicy",
        "ecr:GetRegistryScanningConfiguration",
        "ecr:GetSigningConfiguration",
        "ecr:ListPullTimeUpdateExclusions",
        "ecr:PutAccountSetting",
        "ecr:PutRegistryPolicy",
        "ecr:PutRegistryScanningConfiguration",
        "ecr:PutReplicationConfiguration",
        "ecr:PutSigningConfiguration",
        "ecr:RegisterPullTimeUpdateExclusion",
        "ecr:UpdatePullThroughCacheRule",
        "ecr:UpdateRepositoryCreationTemplate",
        "ecr:ValidatePullThroughCacheRule",
    ]

    /// The catalogued spelling of a name, compared case-insensitively as IAM does.
    public static func canonical(_ name: String) -> String? {
        let lowered = name.lowercased()
        return all.first { $0.lowercased() == lowered }
    }

    public static func isAccountScoped(_ name: String) -> Bool {
        accountScoped.contains { $0.lowercased() == name.lowercased() }
    }
}
