/// The ECR IAM actions, kept as the reference table's own text (tab-separated) so that updating the
/// catalogue is a paste, and parsed once on first use.
extension ECRCatalog {
    static let table = """
        action	access_level	scope	kind	condition_keys
        ecr:BatchCheckLayerAvailability	Read	repository	api	-
        ecr:BatchDeleteImage	Write	repository	api	-
        ecr:BatchGetImage	Read	repository	api	-
        ecr:BatchGetRepositoryScanningConfiguration	Read	repository	api	-
        ecr:BatchImportUpstreamImage	Write	repository	permission-only	-
        ecr:CompleteLayerUpload	Write	repository	api	-
        ecr:CreatePullThroughCacheRule	Write	account	api	-
        ecr:CreateRepository	Write	repository	api	aws:RequestTag/${TagKey},aws:TagKeys
        ecr:CreateRepositoryCreationTemplate	Write	account	api	-
        ecr:DeleteLifecyclePolicy	Write	repository	api	-
        ecr:DeletePullThroughCacheRule	Write	account	api	-
        ecr:DeleteRegistryPolicy	Permissions management	account	api	-
        ecr:DeleteRepository	Write	repository	api	-
        ecr:DeleteRepositoryCreationTemplate	Write	account	api	-
        ecr:DeleteRepositoryPolicy	Permissions management	repository	api	-
        ecr:DeleteSigningConfiguration	Write	account	api	-
        ecr:DeregisterPullTimeUpdateExclusion	Write	account	api	-
        ecr:DescribeImageReplicationStatus	Read	repository	api	-
        ecr:DescribeImageScanFindings	Read	repository	api	-
        ecr:DescribeImageSigningStatus	Read	repository	api	-
        ecr:DescribeImages	List	repository	api	-
        ecr:DescribePullThroughCacheRules	List	account	api	-
        ecr:DescribeRegistry	Read	account	api	-
        ecr:DescribeRepositories	Read	repository	api	-
        ecr:DescribeRepositoryCreationTemplates	Read	account	api	-
        ecr:GetAccountSetting	Read	account	api	ecr:AccountSetting
        ecr:GetAuthorizationToken	Read	account	api	-
        ecr:GetDownloadUrlForLayer	Read	repository	api	-
        ecr:GetImageCopyStatus	Read	repository	permission-only	-
        ecr:GetLifecyclePolicy	Read	repository	api	-
        ecr:GetLifecyclePolicyPreview	Read	repository	api	-
        ecr:GetRegistryPolicy	Read	account	api	-
        ecr:GetRegistryScanningConfiguration	Read	account	api	-
        ecr:GetRepositoryPolicy	Read	repository	api	-
        ecr:GetSigningConfiguration	Read	account	api	-
        ecr:InitiateLayerUpload	Write	repository	api	-
        ecr:ListImages	List	repository	api	-
        ecr:ListPullTimeUpdateExclusions	List	account	api	-
        ecr:ListTagsForResource	Read	repository	api	aws:RequestTag/${TagKey},aws:TagKeys
        ecr:PutAccountSetting	Write	account	api	ecr:AccountSetting
        ecr:PutImage	Write	repository	api	-
        ecr:PutImageScanningConfiguration	Write	repository	api	-
        ecr:PutImageTagMutability	Write	repository	api	-
        ecr:PutLifecyclePolicy	Write	repository	api	-
        ecr:PutRegistryPolicy	Permissions management	account	api	-
        ecr:PutRegistryScanningConfiguration	Write	account	api	-
        ecr:PutReplicationConfiguration	Write	account	api	-
        ecr:PutSigningConfiguration	Write	account	api	-
        ecr:RegisterPullTimeUpdateExclusion	Write	account	api	-
        ecr:ReplicateImage	Write	repository	permission-only	-
        ecr:SetRepositoryPolicy	Permissions management	repository	api	-
        ecr:StartImageScan	Write	repository	api	-
        ecr:StartLifecyclePolicyPreview	Write	repository	api	-
        ecr:TagResource	Tagging	repository	api	aws:RequestTag/${TagKey},aws:TagKeys
        ecr:UntagResource	Tagging	repository	api	aws:TagKeys
        ecr:UpdateImageStorageClass	Write	repository	api	-
        ecr:UpdatePullThroughCacheRule	Write	account	api	-
        ecr:UpdateRepositoryCreationTemplate	Write	account	api	-
        ecr:UploadLayerPart	Write	repository	api	-
        ecr:ValidatePullThroughCacheRule	Read	account	api	-
        """
}
