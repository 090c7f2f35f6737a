namespace PocTracker.Infra.Tests;

public sealed class ClusterTests(SynthesisedApp app)
{
    [Fact]
    public void The_cluster_is_named_poctracker_and_encrypts_its_secrets()
    {
        var cluster = Assert.Single(app.Resources(app.Stacks.Cluster, "AWS::EKS::Cluster")).Properties;

        Assert.Equal("poctracker", cluster.GetProperty("Name").GetString());
        Assert.Equal("secrets", cluster.GetProperty("EncryptionConfig")[0].GetProperty("Resources")[0].GetString());
        Assert.Equal(3, cluster.GetProperty("ResourcesVpcConfig").GetProperty("SubnetIds").GetArrayLength());
    }

    [Fact]
    public void Managed_node_groups_cover_the_three_AZs()
    {
        var nodeGroups = app.Resources(app.Stacks.Cluster, "AWS::EKS::Nodegroup")
            .Select(n => n.Properties.GetProperty("NodegroupName").GetString())
            .Order(StringComparer.Ordinal);

        Assert.Equal(["poctracker-sa-east-1a", "poctracker-sa-east-1b", "poctracker-sa-east-1c"], nodeGroups);
    }

    [Fact]
    public void Each_node_group_has_one_private_subnet_and_can_grow()
    {
        Assert.All(app.Resources(app.Stacks.Cluster, "AWS::EKS::Nodegroup"), n =>
        {
            var subnet = Assert.Single(n.Properties.GetProperty("Subnets").EnumerateArray());
            Assert.Contains("private", Cfn.Render(subnet), StringComparison.OrdinalIgnoreCase);
            Assert.True(n.Properties.GetProperty("ScalingConfig").GetProperty("MaxSize").GetInt32() > n.Properties.GetProperty("ScalingConfig").GetProperty("MinSize").GetInt32());
        });
    }

    [Theory]
    [InlineData("vpc-cni")]
    [InlineData("coredns")]
    [InlineData("kube-proxy")]
    [InlineData("amazon-cloudwatch-observability")]
    public void The_EKS_add_on_is_installed(string addon) =>
        Assert.Single(app.Resources(app.Stacks.Cluster, "AWS::EKS::Addon"), a => a.Properties.GetProperty("AddonName").GetString() == addon);

    [Fact]
    public void The_deploy_role_administers_the_cluster_and_no_one_else_is_added()
    {
        var entry = Assert.Single(app.Resources(app.Stacks.Cluster, "AWS::EKS::AccessEntry")).Properties;

        Assert.EndsWith(":role/poctracker-github-deploy", Cfn.Render(entry.GetProperty("PrincipalArn")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_IRSA_provider_is_the_clusters_issuer()
    {
        var provider = Assert.Single(app.Resources(app.Stacks.Cluster, "AWS::IAM::OIDCProvider")).Properties;

        Assert.Equal("${Cluster.OpenIdConnectIssuerUrl}", Cfn.Render(provider.GetProperty("Url")));
        Assert.Equal("sts.amazonaws.com", provider.GetProperty("ClientIdList")[0].GetString());
    }

    [Fact]
    public void Lambda_functions_run_on_a_runtime_AWS_still_accepts()
    {
        var functions = app.Resources(app.Stacks.Cluster, "AWS::Lambda::Function").ToList();

        Assert.NotEmpty(functions); // CfnJson's, for the IRSA trust conditions
        Assert.All(functions, f => Assert.Equal("nodejs22.x", f.Properties.GetProperty("Runtime").GetString()));
    }
}
