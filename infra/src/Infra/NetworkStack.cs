using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace PocTracker.Infra;

/// <summary>
/// The VPC over the region's three AZs: public subnets (load balancers, NAT gateways), private subnets (EKS nodes
/// and pods, egress through a NAT gateway per AZ) and isolated subnets (Aurora, no route out). AWS APIs the pods
/// call go through VPC endpoints so their traffic stays in the VPC and does not pay for NAT.
/// </summary>
public sealed class NetworkStack : Stack
{
    public Vpc Vpc { get; }

    public NetworkStack(Construct scope, string id, IStackProps props) : base(scope, id, props)
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            VpcName = "poctracker",
            IpAddresses = IpAddresses.Cidr("10.40.0.0/16"),
            AvailabilityZones = [.. DeploymentSettings.AvailabilityZones],
            NatGateways = DeploymentSettings.AvailabilityZones.Count, // one per AZ: an AZ's outage leaves the others' egress up
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 19 },
                new SubnetConfiguration { Name = "isolated", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
            GatewayEndpoints = new Dictionary<string, IGatewayVpcEndpointOptions>
            {
                ["S3"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 },
            },
        });

        // The load balancer controller finds its subnets by these tags.
        foreach (var subnet in Vpc.PublicSubnets)
        {
            Amazon.CDK.Tags.Of(subnet).Add("kubernetes.io/role/elb", "1");
        }

        foreach (var subnet in Vpc.PrivateSubnets)
        {
            Amazon.CDK.Tags.Of(subnet).Add("kubernetes.io/role/internal-elb", "1");
        }

        // What the pods and nodes call: pub/sub (SNS, SQS), secrets (SSM), key rings (KMS), IRSA (STS), images (ECR),
        // logs; the apps' own AWS SDK calls and Dapr's components resolve the regional names to these endpoints.
        var interfaceEndpoints = new Dictionary<string, InterfaceVpcEndpointAwsService>
        {
            ["Sqs"] = InterfaceVpcEndpointAwsService.SQS,
            ["Sns"] = InterfaceVpcEndpointAwsService.SNS,
            ["Ssm"] = InterfaceVpcEndpointAwsService.SSM,
            ["Kms"] = InterfaceVpcEndpointAwsService.KMS,
            ["Sts"] = InterfaceVpcEndpointAwsService.STS,
            ["EcrApi"] = InterfaceVpcEndpointAwsService.ECR,
            ["EcrDocker"] = InterfaceVpcEndpointAwsService.ECR_DOCKER,
            ["Logs"] = InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
        };
        foreach (var (name, service) in interfaceEndpoints)
        {
            Vpc.AddInterfaceEndpoint(name, new InterfaceVpcEndpointOptions
            {
                Service = service,
                Subnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
                PrivateDnsEnabled = true,
            });
        }
    }
}
