using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace PocTracker.Infra;

/// <summary>
/// The images' ECR repositories (poctracker/&lt;appid&gt;, tag = commit SHA) and GitHub Actions' way in: the GitHub OIDC
/// provider and two roles trusted only for the workflows of one repository (context value githubRepository):
/// poctracker-github-images pushes images; poctracker-github-deploy runs `cdk deploy` (through the CDK bootstrap
/// roles) and administers the cluster (an EKS access entry in the cluster stack).
/// </summary>
public sealed class RegistryStack : Stack
{
    public const string ImagesRoleName = "poctracker-github-images";

    public const string DeployRoleName = "poctracker-github-deploy";

    public IReadOnlyDictionary<string, Repository> Repositories { get; }

    public RegistryStack(Construct scope, string id, IStackProps props, DeploymentSettings settings) : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var repositories = new Dictionary<string, Repository>(StringComparer.Ordinal);
        foreach (var app in AppCatalogue.Apps)
        {
            repositories[app.AppId] = new Repository(this, $"Images-{app.AppId}", new RepositoryProps
            {
                RepositoryName = $"poctracker/{app.AppId}",
                ImageScanOnPush = true,
                ImageTagMutability = TagMutability.IMMUTABLE, // a commit's tag always names the same image
                Encryption = RepositoryEncryption.KMS,
                RemovalPolicy = RemovalPolicy.RETAIN,
                LifecycleRules =
                [
                    new LifecycleRule { RulePriority = 1, Description = "untagged layers of failed pushes", TagStatus = TagStatus.UNTAGGED, MaxImageAge = Duration.Days(7) },
                    new LifecycleRule { RulePriority = 2, Description = "keep the last 100 commits' images (rollbacks)", TagStatus = TagStatus.ANY, MaxImageCount = 100 },
                ],
            });
        }

        Repositories = repositories;

        var github = new CfnOIDCProvider(this, "GitHubOidc", new CfnOIDCProviderProps
        {
            Url = "https://token.actions.githubusercontent.com",
            ClientIdList = ["sts.amazonaws.com"],
        });

        var images = GitHubRole(ImagesRoleName, github.AttrArn, $"repo:{settings.GitHubRepository}:ref:refs/heads/main",
            "Pushes the apps' images from the images workflow (main only)");
        // GetAuthorizationToken is account-wide: AWS accepts only "*" as its resource.
        images.AddToPolicy(AppRoles.Allow("EcrSignIn", ["ecr:GetAuthorizationToken"], "*"));
        images.AddToPolicy(AppRoles.Allow("PushImages",
            ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages"],
            [.. repositories.Values.Select(r => r.RepositoryArn)]));

        // Deployments run in a GitHub environment (its protection rules are the manual approval for production).
        var deploy = GitHubRole(DeployRoleName, github.AttrArn, $"repo:{settings.GitHubRepository}:environment:*",
            "Runs cdk deploy and applies the manifests from the deploy workflow");
        deploy.AddToPolicy(AppRoles.Allow("UseCdkBootstrapRoles", ["sts:AssumeRole"], Arns.Role(this, "cdk-hnb659fds-*")));
        deploy.AddToPolicy(AppRoles.Allow("FindCluster", ["eks:DescribeCluster"],
            FormatArn(new ArnComponents { Service = "eks", Resource = "cluster", ResourceName = ClusterStack.ClusterName, ArnFormat = ArnFormat.SLASH_RESOURCE_NAME })));
        deploy.AddToPolicy(AppRoles.Allow("ReadInfraParameters", ["ssm:GetParameter", "ssm:GetParameters"], Arns.Parameter(this, "poctracker/infra/*")));
    }

    private Role GitHubRole(string name, string providerArn, string subject, string description) => new(this, name, new RoleProps
    {
        RoleName = name,
        Description = description,
        MaxSessionDuration = Duration.Hours(1),
        AssumedBy = new FederatedPrincipal(providerArn, new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["token.actions.githubusercontent.com:aud"] = "sts.amazonaws.com" },
            ["StringLike"] = new Dictionary<string, object> { ["token.actions.githubusercontent.com:sub"] = subject },
        }, "sts:AssumeRoleWithWebIdentity"),
    });
}
