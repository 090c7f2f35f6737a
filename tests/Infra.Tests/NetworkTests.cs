using Amazon.CDK.Assertions;

namespace PocTracker.Infra.Tests;

public sealed class NetworkTests(SynthesisedApp app)
{
    private static readonly string[] ThreeAzs = ["sa-east-1a", "sa-east-1b", "sa-east-1c"];

    [Theory]
    [InlineData("Public")]
    [InlineData("Private")]
    [InlineData("Isolated")]
    public void Each_kind_of_subnet_is_in_all_three_AZs(string subnetType)
    {
        var zones = app.Resources(app.Stacks.Network, "AWS::EC2::Subnet")
            .Where(s => Cfn.Tag(s.Properties, "aws-cdk:subnet-type") == subnetType)
            .Select(s => s.Properties.GetProperty("AvailabilityZone").GetString())
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(ThreeAzs, zones);
    }

    [Fact]
    public void S3_is_reached_through_a_gateway_endpoint()
    {
        var gateways = app.Resources(app.Stacks.Network, "AWS::EC2::VPCEndpoint")
            .Where(e => e.Properties.GetProperty("VpcEndpointType").GetString() == "Gateway")
            .Select(e => Cfn.Render(e.Properties.GetProperty("ServiceName")));

        Assert.Contains(gateways, name => name.EndsWith(".s3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqs")]
    [InlineData("sns")]
    [InlineData("ssm")]
    [InlineData("kms")]
    [InlineData("sts")]
    [InlineData("ecr.api")]
    [InlineData("ecr.dkr")]
    [InlineData("logs")]
    public void What_the_pods_call_has_an_interface_endpoint_with_private_DNS(string service)
    {
        app.Template(app.Stacks.Network).HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object>
        {
            ["VpcEndpointType"] = "Interface",
            ["ServiceName"] = $"com.amazonaws.sa-east-1.{service}",
            ["PrivateDnsEnabled"] = true,
        });
    }

    [Fact]
    public void Every_AZ_has_its_own_NAT_gateway() =>
        app.Template(app.Stacks.Network).ResourceCountIs("AWS::EC2::NatGateway", 3);

    [Fact]
    public void Isolated_subnets_have_no_route_out()
    {
        var isolatedTables = app.Resources(app.Stacks.Network, "AWS::EC2::SubnetRouteTableAssociation")
            .Where(a => Cfn.Render(a.Properties.GetProperty("SubnetId")).Contains("isolated", StringComparison.OrdinalIgnoreCase))
            .Select(a => Cfn.Render(a.Properties.GetProperty("RouteTableId")))
            .ToHashSet(StringComparer.Ordinal);
        var routesFromIsolated = app.Resources(app.Stacks.Network, "AWS::EC2::Route")
            .Where(r => isolatedTables.Contains(Cfn.Render(r.Properties.GetProperty("RouteTableId"))));

        Assert.Equal(3, isolatedTables.Count);
        Assert.Empty(routesFromIsolated);
    }
}
