using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SSM;
using Constructs;

namespace PocTracker.Infra;

/// <summary>
/// Aurora PostgreSQL (every app's database), the bucket for report files and year videos, and the KMS keys: one for
/// the database, one for the bucket, one for the apps' Data Protection key rings.
/// </summary>
public sealed class DataStack : Stack
{
    /// <summary>The DB cluster identifier the alarms name.</summary>
    public const string ClusterIdentifier = "poctracker";

    public DatabaseCluster Database { get; }

    public Bucket Objects { get; }

    public Key ObjectsKey { get; }

    /// <summary>Encrypts each app's Data Protection key ring (KeyRing:KmsKeyId); each app may use it only with its own encryption context.</summary>
    public Key KeyRingKey { get; }

    public DataStack(Construct scope, string id, IStackProps props, Vpc vpc, string publicHost) : base(scope, id, props)
    {
        var databaseKey = NewKey("DatabaseKey", "alias/poctracker-database", "Aurora storage, snapshots and Performance Insights");
        ObjectsKey = NewKey("ObjectsKey", "alias/poctracker-objects", "The reports and videos bucket (SSE-KMS)");
        KeyRingKey = NewKey("KeyRingKey", "alias/poctracker-key-ring", "The apps' Data Protection key rings (KeyRing:KmsKeyId)");

        var databaseSecurityGroup = new SecurityGroup(this, "DatabaseSecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "Aurora PostgreSQL: PostgreSQL from inside the VPC only",
            AllowAllOutbound = false,
        });
        databaseSecurityGroup.AddIngressRule(Peer.Ipv4(vpc.VpcCidrBlock), Port.Tcp(5432), "PostgreSQL from the VPC (EKS pods)");

        Database = new DatabaseCluster(this, "Database", new DatabaseClusterProps
        {
            ClusterIdentifier = ClusterIdentifier,
            Engine = DatabaseClusterEngine.AuroraPostgres(new AuroraPostgresClusterEngineProps { Version = AuroraPostgresEngineVersion.VER_16_3 }),
            // The master user's password lives in Secrets Manager; apps never use it (their roles: docs/aws.md).
            Credentials = Credentials.FromGeneratedSecret("poctracker_admin"),
            Writer = ClusterInstance.ServerlessV2("writer", new ServerlessV2ClusterInstanceProps { EnablePerformanceInsights = true, PerformanceInsightEncryptionKey = databaseKey }),
            Readers =
            [
                ClusterInstance.ServerlessV2("reader", new ServerlessV2ClusterInstanceProps
                {
                    ScaleWithWriter = true, // a failover target big enough to take the writer's load
                    EnablePerformanceInsights = true,
                    PerformanceInsightEncryptionKey = databaseKey,
                }),
            ],
            ServerlessV2MinCapacity = 0.5,
            ServerlessV2MaxCapacity = 16,
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            SecurityGroups = [databaseSecurityGroup],
            IamAuthentication = true, // the Dapr actor state stores sign in with the pod's role (useAWSIAM)
            StorageEncrypted = true,
            StorageEncryptionKey = databaseKey,
            Backup = new BackupProps { Retention = Duration.Days(14), PreferredWindow = "05:00-06:00" },
            PreferredMaintenanceWindow = "sun:06:30-sun:07:30",
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
            CloudwatchLogsExports = ["postgresql"],
            CopyTagsToSnapshot = true,
        });

        // The writer and the reader in different AZs: the reader is the failover target when the writer's AZ fails.
        // ClusterInstance has no AZ property, so the AZ is set on the generated instances.
        PlaceInstance("writer", DeploymentSettings.AvailabilityZones[0]);
        PlaceInstance("reader", DeploymentSettings.AvailabilityZones[1]);

        Objects = new Bucket(this, "Objects", new BucketProps
        {
            BucketName = $"poctracker-objects-{props.Env!.Account}",
            Encryption = BucketEncryption.KMS,
            EncryptionKey = ObjectsKey,
            BucketKeyEnabled = true,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = false, // a deleted video must be gone (LGPD account deletion), not kept as an old version
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules = ObjectLifecycle.Rules,
            // The web page plays a film by fetching its content route, which answers a 302 to a presigned link here:
            // the page's origin may read (GET, with a Range for seeking), nothing else (docs/web.md, "Year video").
            Cors =
            [
                new CorsRule
                {
                    AllowedOrigins = [$"https://{publicHost}"],
                    AllowedMethods = [HttpMethods.GET, HttpMethods.HEAD],
                    AllowedHeaders = ["Range"],
                    ExposedHeaders = ["Content-Length", "Content-Range", "ETag"],
                    MaxAge = 3600,
                },
            ],
        });

        // Non-secret values the deploy workflow and ops read (the apps' settings in the manifests' aws overlay).
        Parameter("BucketName", "/poctracker/infra/bucket-name", Objects.BucketName);
        Parameter("KeyRingKeyArn", "/poctracker/infra/key-ring-key-arn", KeyRingKey.KeyArn);
        Parameter("DatabaseWriterEndpoint", "/poctracker/infra/database-writer-endpoint", Database.ClusterEndpoint.Hostname);
        Parameter("DatabaseReaderEndpoint", "/poctracker/infra/database-reader-endpoint", Database.ClusterReadEndpoint.Hostname);
    }

    private Key NewKey(string id, string alias, string description) => new(this, id, new KeyProps
    {
        Alias = alias,
        Description = description,
        EnableKeyRotation = true,
        RemovalPolicy = RemovalPolicy.RETAIN,
    });

    private void PlaceInstance(string instanceId, string availabilityZone)
    {
        var instance = (CfnDBInstance)Database.Node.FindChild(instanceId).Node.DefaultChild!;
        instance.AvailabilityZone = availabilityZone;
    }

    private void Parameter(string id, string name, string value) => new StringParameter(this, id, new StringParameterProps
    {
        ParameterName = name,
        StringValue = value,
    });
}
