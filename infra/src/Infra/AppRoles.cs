using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace PocTracker.Infra;

/// <summary>
/// The IRSA role of each app (poctracker-&lt;appid&gt;, trusted for the ServiceAccount poctracker/&lt;appid&gt;), with
/// only what the app's code and its Dapr components call:
/// - secrets (components/aws/secretstore.yaml): ssm:GetParameter(s) on its own connection strings
///   (/poctracker/ConnectionStrings/&lt;app&gt; and -relay; the -migrations one goes to the migrate Job through External
///   Secrets, never to the service) and ssm:DescribeParameters, which the store's bulk read calls and AWS allows on
///   "*" only;
/// - key ring (ServiceDefaults/DataProtection): kms:Encrypt/Decrypt on the key-ring key with its own encryption
///   context (app=poctracker-&lt;app&gt;), so one app cannot open another's ring;
/// - objects: Put/Get/Delete under its own key segment ({tenant}/reports/…, {tenant}/videos/…) and the bucket key
///   through S3 only;
/// - pub/sub (disableEntityManagement): Publish to the topics it publishes, receive from its own queue;
/// - actor state (useAWSIAM): rds-db:connect as its own database users.
/// </summary>
internal sealed class AppRoles
{
    public required Stack Stack { get; init; }

    public required string OidcProviderArn { get; init; }

    public required string OidcIssuer { get; init; }

    public required string BucketArn { get; init; }

    public required string ObjectsKeyArn { get; init; }

    public required string KeyRingKeyArn { get; init; }

    public required string DatabaseResourceId { get; init; }

    /// <summary>Apps whose Dapr actor state store signs in to Aurora with an IAM token (components/aws/*-actorstate.yaml).</summary>
    public static readonly IReadOnlySet<string> ActorStateApps = new HashSet<string>(["dojo", "pocs", "reports", "video"], StringComparer.Ordinal);

    public Role ServiceAccountRole(Construct scope, string roleName, string serviceAccountNamespace, string serviceAccount, PolicyDocument policy)
    {
        var conditions = new CfnJson(scope, $"{roleName}-trust", new CfnJsonProps
        {
            // The issuer is known only once the cluster exists: CfnJson lets it be a condition key.
            Value = new Dictionary<string, object>
            {
                [$"{OidcIssuer}:sub"] = $"system:serviceaccount:{serviceAccountNamespace}:{serviceAccount}",
                [$"{OidcIssuer}:aud"] = "sts.amazonaws.com",
            },
        });
        return new Role(scope, roleName, new RoleProps
        {
            RoleName = roleName,
            AssumedBy = new FederatedPrincipal(OidcProviderArn, new Dictionary<string, object> { ["StringEquals"] = conditions }, "sts:AssumeRoleWithWebIdentity"),
            // The gateway calls no AWS API: its role has no policy at all (CloudFormation refuses an empty one).
            InlinePolicies = policy.StatementCount > 0 ? new Dictionary<string, PolicyDocument> { ["least-privilege"] = policy } : null,
            MaxSessionDuration = Duration.Hours(1),
        });
    }

    public PolicyDocument PolicyFor(AppNeeds app)
    {
        var statements = new List<PolicyStatement>();
        if (app.HasDatabase)
        {
            statements.Add(Allow("ReadOwnConnectionStrings", ["ssm:GetParameter", "ssm:GetParameters"],
                Arns.Parameter(Stack, $"poctracker/ConnectionStrings/{app.AppId}"),
                Arns.Parameter(Stack, $"poctracker/ConnectionStrings/{app.AppId}-relay")));
            statements.Add(Allow("ListParametersForBulkRead", ["ssm:DescribeParameters"], "*"));
        }

        if (app.HasKeyRing)
        {
            var keyRing = Allow("OwnKeyRing", ["kms:Encrypt", "kms:Decrypt"], KeyRingKeyArn);
            keyRing.AddCondition("StringEquals", new Dictionary<string, object> { ["kms:EncryptionContext:app"] = $"poctracker-{app.AppId}" });
            statements.Add(keyRing);
        }

        if (app.ObjectSegment is { } segment)
        {
            // Every object is stored with its kind as a tag (the lifecycle rules find report files by it).
            string[] objectActions = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:PutObjectTagging"];
            statements.Add(Allow("OwnObjects", objectActions, $"{BucketArn}/*/{segment}/*"));
            var bucketKey = Allow("BucketKeyThroughS3", ["kms:GenerateDataKey", "kms:Decrypt"], ObjectsKeyArn);
            bucketKey.AddCondition("StringEquals", new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{DeploymentSettings.Region}.amazonaws.com" });
            statements.Add(bucketKey);
        }

        if (app.Publishes.Count > 0)
        {
            statements.Add(Allow("PublishOwnEvents", ["sns:Publish", "sns:GetTopicAttributes"], [.. app.Publishes.Select(t => Arns.Topic(Stack, t))]));
        }

        if (app.Consumes.Count > 0)
        {
            statements.Add(Allow("FindSubscribedTopics", ["sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic"], [.. app.Consumes.Select(t => Arns.Topic(Stack, t))]));
            statements.Add(Allow("ReceiveFromOwnQueue",
                ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"],
                Arns.Queue(Stack, app.AppId)));
            statements.Add(Allow("FindDeadLetterQueue", ["sqs:GetQueueUrl", "sqs:GetQueueAttributes"], Arns.Queue(Stack, AppCatalogue.DeadLetterQueueName)));
        }

        if (app.AppId == "dojo")
        {
            // dojo-pubsub manages its own entities: a queue per pod (dojo-{podName}) subscribed to the fan-out topics.
            statements.Add(Allow("DojoFanOutTopics",
                ["sns:CreateTopic", "sns:GetTopicAttributes", "sns:Publish", "sns:Subscribe", "sns:ListSubscriptionsByTopic"],
                [.. AppCatalogue.DojoTopics.Select(t => Arns.Topic(Stack, t))]));
            statements.Add(Allow("DojoPodQueues",
                ["sqs:CreateQueue", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"],
                Arns.Queue(Stack, "dojo-*")));
        }

        if (ActorStateApps.Contains(app.AppId))
        {
            statements.Add(Allow("ActorStateSignIn", ["rds-db:connect"],
                Stack.FormatArn(new ArnComponents { Service = "rds-db", Resource = "dbuser", ResourceName = $"{DatabaseResourceId}/{app.AppId}*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME })));
        }

        return new PolicyDocument(new PolicyDocumentProps { Statements = [.. statements] });
    }

    internal static PolicyStatement Allow(string sid, string[] actions, params string[] resources) => new(new PolicyStatementProps
    {
        Sid = sid,
        Effect = Effect.ALLOW,
        Actions = actions,
        Resources = resources,
    });
}
