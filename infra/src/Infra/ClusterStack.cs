using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace PocTracker.Infra;

/// <summary>
/// The EKS cluster `poctracker`, a managed node group per AZ, the EKS add-ons, the cluster's OIDC provider and the
/// IRSA roles (one per app, and the External Secrets operator's).
/// Built from the CloudFormation resources (CfnCluster, CfnNodegroup, CfnAddon): the L2 Cluster needs a kubectl
/// Lambda layer package (Amazon.CDK.Asset.KubectlV*) matching the cluster's Kubernetes version, and the package feed
/// serves only KubectlV20 (Kubernetes 1.20, which EKS no longer runs). Helm charts (Dapr, External Secrets, the AWS
/// Load Balancer Controller, metrics-server, Prometheus) are installed after `cdk deploy` (docs/aws.md).
/// </summary>
public sealed class ClusterStack : Stack
{
    public const string ClusterName = "poctracker";

    public const string KubernetesVersion = "1.34";

    /// <summary>The runtime of the stack's one Lambda function (CfnJson's).</summary>
    public const string LambdaRuntime = "nodejs22.x";

    /// <summary>Control-plane logs kept in CloudWatch: API calls, the audit trail, and sign-ins.</summary>
    private static readonly string[] ControlPlaneLogTypes = ["api", "audit", "authenticator"];

    /// <summary>
    /// EKS add-ons: networking and DNS, and amazon-cloudwatch-observability (Container Insights: the node and pod
    /// metrics the cluster alarms use, and every container's logs in CloudWatch Logs).
    /// </summary>
    public static readonly IReadOnlyList<string> Addons = ["vpc-cni", "coredns", "kube-proxy", "amazon-cloudwatch-observability"];

    public CfnCluster Cluster { get; }

    public IReadOnlyDictionary<string, Role> ServiceAccountRoles { get; }

    public ClusterStack(Construct scope, string id, IStackProps props, Vpc vpc, DataStack data, string deployRoleName) : base(scope, id, props)
    {
        var secretsKey = new Key(this, "SecretsKey", new KeyProps
        {
            Alias = "alias/poctracker-eks-secrets",
            Description = "Envelope encryption of the EKS cluster's Kubernetes secrets",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        var clusterRole = new Role(this, "ClusterRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("eks.amazonaws.com"),
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("AmazonEKSClusterPolicy")],
        });
        var privateSubnets = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }).Subnets;

        Cluster = new CfnCluster(this, "Cluster", new CfnClusterProps
        {
            Name = ClusterName,
            Version = KubernetesVersion,
            RoleArn = clusterRole.RoleArn,
            ResourcesVpcConfig = new CfnCluster.ResourcesVpcConfigProperty
            {
                SubnetIds = [.. privateSubnets.Select(s => s.SubnetId)],
                EndpointPrivateAccess = true,
                EndpointPublicAccess = true, // the deploy workflow's runner reaches the API from outside; access entries decide who
            },
            // Access entries (not the aws-auth ConfigMap): who may use the API is in CloudFormation.
            AccessConfig = new CfnCluster.AccessConfigProperty { AuthenticationMode = "API", BootstrapClusterCreatorAdminPermissions = true },
            EncryptionConfig = new object[] { new CfnCluster.EncryptionConfigProperty { Provider = new CfnCluster.ProviderProperty { KeyArn = secretsKey.KeyArn }, Resources = ["secrets"] } },
            Logging = new CfnCluster.LoggingProperty
            {
                ClusterLogging = new CfnCluster.ClusterLoggingProperty
                {
                    EnabledTypes = ControlPlaneLogTypes.Select(t => (object)new CfnCluster.LoggingTypeConfigProperty { Type = t }).ToArray(),
                },
            },
        });

        var nodeRole = new Role(this, "NodeRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            ManagedPolicies =
            [
                ManagedPolicy.FromAwsManagedPolicyName("AmazonEKSWorkerNodePolicy"),
                ManagedPolicy.FromAwsManagedPolicyName("AmazonEKS_CNI_Policy"),
                ManagedPolicy.FromAwsManagedPolicyName("AmazonEC2ContainerRegistryReadOnly"),
                // The CloudWatch observability add-on's agent and Fluent Bit (Container Insights metrics, container logs).
                ManagedPolicy.FromAwsManagedPolicyName("CloudWatchAgentServerPolicy"),
            ],
        });

        // One node group per AZ: each scales on its own, so the zone spread of the pods (topology spread constraints)
        // always finds nodes in all three AZs.
        var nodeGroups = new List<CfnNodegroup>();
        foreach (var subnet in privateSubnets)
        {
            nodeGroups.Add(new CfnNodegroup(this, $"Nodes-{subnet.AvailabilityZone}", new CfnNodegroupProps
            {
                ClusterName = Cluster.Ref,
                NodegroupName = $"poctracker-{subnet.AvailabilityZone}",
                NodeRole = nodeRole.RoleArn,
                Subnets = [subnet.SubnetId],
                AmiType = "AL2023_x86_64_STANDARD",
                InstanceTypes = ["m6i.large"],
                ScalingConfig = new CfnNodegroup.ScalingConfigProperty { MinSize = 1, DesiredSize = 1, MaxSize = 4 },
                UpdateConfig = new CfnNodegroup.UpdateConfigProperty { MaxUnavailable = 1 },
                Labels = new Dictionary<string, string> { ["poctracker/zone"] = subnet.AvailabilityZone },
            }));
        }

        foreach (var addon in Addons)
        {
            var cfnAddon = new CfnAddon(this, $"Addon-{addon}", new CfnAddonProps
            {
                ClusterName = Cluster.Ref,
                AddonName = addon,
                ResolveConflicts = "OVERWRITE",
            });
            foreach (var nodeGroup in nodeGroups)
            {
                cfnAddon.AddDependency(nodeGroup); // coredns needs nodes to become healthy
            }
        }

        // The deploy workflow's role administers the cluster (kubectl apply -k manifests/overlays/aws, the Helm charts).
        new CfnAccessEntry(this, "DeployAccess", new CfnAccessEntryProps
        {
            ClusterName = Cluster.Ref,
            PrincipalArn = Arns.Role(this, deployRoleName),
            AccessPolicies = new object[]
            {
                new CfnAccessEntry.AccessPolicyProperty
                {
                    PolicyArn = $"arn:{Aws.PARTITION}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                    AccessScope = new CfnAccessEntry.AccessScopeProperty { Type = "cluster" },
                },
            },
        });

        var oidcProvider = new CfnOIDCProvider(this, "OidcProvider", new CfnOIDCProviderProps
        {
            Url = Cluster.AttrOpenIdConnectIssuerUrl,
            ClientIdList = ["sts.amazonaws.com"],
        });
        var roles = new AppRoles
        {
            Stack = this,
            OidcProviderArn = oidcProvider.AttrArn,
            OidcIssuer = Fn.Select(1, Fn.Split("https://", Cluster.AttrOpenIdConnectIssuerUrl)),
            BucketArn = data.Objects.BucketArn,
            ObjectsKeyArn = data.ObjectsKey.KeyArn,
            KeyRingKeyArn = data.KeyRingKey.KeyArn,
            DatabaseResourceId = data.Database.ClusterResourceIdentifier,
        };
        var appRoles = new Dictionary<string, Role>(StringComparer.Ordinal);
        foreach (var app in AppCatalogue.Apps)
        {
            appRoles[app.AppId] = roles.ServiceAccountRole(this, $"poctracker-{app.AppId}", AppCatalogue.Namespace, app.AppId, roles.PolicyFor(app));
        }

        ServiceAccountRoles = appRoles;

        // External Secrets reads what the Kubernetes secrets are made from (the migrate Jobs' connection strings, the
        // apps' APP_API_TOKEN): everything under /poctracker/, which ops write. It signs in as the ServiceAccount the
        // manifests' aws overlay puts beside its SecretStore (poctracker/external-secrets), not as the controller's own.
        roles.ServiceAccountRole(this, "poctracker-external-secrets", AppCatalogue.Namespace, "external-secrets", new PolicyDocument(new PolicyDocumentProps
        {
            Statements =
            [
                AppRoles.Allow("ReadPocTrackerParameters", ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], Arns.Parameter(this, "poctracker/*")),
                AppRoles.Allow("ListParameters", ["ssm:DescribeParameters"], "*"),
            ],
        }));

        // CfnJson's Lambda (CDK 2.160) runs on nodejs20.x, which AWS Lambda no longer lets anyone create; its handler
        // is plain JavaScript that runs unchanged on the current runtime.
        foreach (var function in Node.FindAll().OfType<CfnResource>().Where(r => r.CfnResourceType == "AWS::Lambda::Function"))
        {
            function.AddPropertyOverride("Runtime", LambdaRuntime);
        }

        new CfnOutput(this, "ClusterNameOutput", new CfnOutputProps { Value = Cluster.Ref });
        new CfnOutput(this, "OidcIssuerOutput", new CfnOutputProps { Value = Cluster.AttrOpenIdConnectIssuerUrl });
    }
}
