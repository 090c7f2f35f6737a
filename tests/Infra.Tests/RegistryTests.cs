using Amazon.CDK.Assertions;

namespace PocTracker.Infra.Tests;

public sealed class RegistryTests(SynthesisedApp app)
{
    [Theory]
    [InlineData("gateway")]
    [InlineData("identity")]
    [InlineData("pocs")]
    [InlineData("reports")]
    [InlineData("video")]
    [InlineData("dojo")]
    public void Each_app_has_an_immutable_scanned_repository_with_a_lifecycle(string appId)
    {
        app.Template(app.Stacks.Registry).HasResourceProperties("AWS::ECR::Repository", new Dictionary<string, object>
        {
            ["RepositoryName"] = $"poctracker/{appId}",
            ["ImageTagMutability"] = "IMMUTABLE",
            ["ImageScanningConfiguration"] = new Dictionary<string, object> { ["ScanOnPush"] = true },
            ["LifecyclePolicy"] = Match.ObjectLike(new Dictionary<string, object> { ["LifecyclePolicyText"] = Match.AnyValue() }),
        });
    }

    [Theory]
    [InlineData("poctracker-github-images", ":ref:refs/heads/main")]
    [InlineData("poctracker-github-deploy", ":environment:*")]
    public void GitHub_roles_trust_only_the_repositorys_workflows(string roleName, string subjectSuffix)
    {
        var role = Assert.Single(app.Resources(app.Stacks.Registry, "AWS::IAM::Role"), r => r.Properties.GetProperty("RoleName").GetString() == roleName).Properties;
        var condition = Assert.Single(role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray()).GetProperty("Condition");

        Assert.Equal($"repo:{SynthesisedApp.GitHubRepository}{subjectSuffix}", condition.GetProperty("StringLike").GetProperty("token.actions.githubusercontent.com:sub").GetString());
        Assert.Equal("sts.amazonaws.com", condition.GetProperty("StringEquals").GetProperty("token.actions.githubusercontent.com:aud").GetString());
    }

    [Fact]
    public void The_images_role_uses_any_resource_only_for_the_ECR_sign_in()
    {
        var statements = app.Resources(app.Stacks.Registry, "AWS::IAM::Policy")
            .SelectMany(p => p.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .Where(s => Cfn.List(s.GetProperty("Resource")).Select(Cfn.Render).Contains("*"))
            .SelectMany(s => Cfn.List(s.GetProperty("Action")).Select(Cfn.Render));

        Assert.Equal(["ecr:GetAuthorizationToken"], statements);
    }
}
