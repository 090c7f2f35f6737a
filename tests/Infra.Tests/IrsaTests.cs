using System.Text.Json;

namespace PocTracker.Infra.Tests;

/// <summary>Every app's role (poctracker-&lt;appid&gt;) has only what its app calls, each statement on named resources.</summary>
public sealed class IrsaTests(SynthesisedApp app)
{
    public static TheoryData<string> AppIds => [.. AppCatalogue.Apps.Select(a => a.AppId)];

    /// <summary>The only action on "*" an app needs, and AWS accepts no other resource for it: the secret store's bulk read lists parameters.</summary>
    private static readonly string[] ActionsAllowedOnAnyResource = ["ssm:DescribeParameters"];

    [Theory]
    [MemberData(nameof(AppIds))]
    public void Each_role_is_trusted_for_its_apps_service_account_only(string appId)
    {
        var trust = Assert.Single(Role(appId).GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray());
        Assert.Equal("sts:AssumeRoleWithWebIdentity", trust.GetProperty("Action").GetString());
        // The condition's keys name the cluster's issuer, known only at deployment: a CfnJson resource holds them.
        var conditionRef = Cfn.Render(trust.GetProperty("Condition").GetProperty("StringEquals"));
        var cfnJsonId = conditionRef.TrimStart('$', '{').Split('.')[0];
        var conditions = Cfn.Render(app.Json(app.Stacks.Cluster).GetProperty("Resources").GetProperty(cfnJsonId).GetProperty("Properties").GetProperty("Value"));

        Assert.Contains($":sub\":\"system:serviceaccount:poctracker:{appId}\"", conditions, StringComparison.Ordinal);
        Assert.Contains(":aud\":\"sts.amazonaws.com\"", conditions, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AppIds))]
    public void No_statement_allows_a_wildcard_action_and_only_DescribeParameters_is_on_any_resource(string appId)
    {
        foreach (var statement in Statements(appId))
        {
            var actions = Actions(statement);
            Assert.All(actions, a => Assert.False(a == "*" || a.EndsWith(":*", StringComparison.Ordinal), $"{appId}: wildcard action {a}"));
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            if (Resources(statement).Contains("*"))
            {
                Assert.Equal(ActionsAllowedOnAnyResource, actions);
                Assert.Single(Resources(statement));
            }
        }
    }

    [Theory]
    [MemberData(nameof(AppIds))]
    public void S3_access_is_limited_to_the_apps_own_key_segment(string appId)
    {
        var needs = AppCatalogue.Apps.Single(a => a.AppId == appId);
        var s3 = Statements(appId).Where(s => Actions(s).Any(a => a.StartsWith("s3:", StringComparison.Ordinal))).ToList();
        if (needs.ObjectSegment is null)
        {
            Assert.Empty(s3);
            return;
        }

        // The bucket's ARN comes from the data stack's export of that bucket's Arn attribute.
        var bucketId = Assert.Single(app.Resources(app.Stacks.Data, "AWS::S3::Bucket")).Id;
        Assert.NotEmpty(s3);
        Assert.All(s3.SelectMany(Resources), r => Assert.Matches($@"^\$\{{import:PocTracker-Data:ExportsOutputFnGetAtt{bucketId}Arn\w+\}}/\*/{needs.ObjectSegment}/\*$", r));
        Assert.All(s3.SelectMany(Actions), a => Assert.Contains(a, new[] { "s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:PutObjectTagging" }));
    }

    [Theory]
    [MemberData(nameof(AppIds))]
    public void KMS_use_is_bound_to_the_apps_own_key_ring_context_or_to_S3(string appId)
    {
        foreach (var statement in Statements(appId).Where(s => Actions(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal))))
        {
            var condition = statement.GetProperty("Condition").GetProperty("StringEquals");
            if (condition.TryGetProperty("kms:EncryptionContext:app", out var context))
            {
                Assert.Equal($"poctracker-{appId}", context.GetString());
                Assert.Equal(["kms:Decrypt", "kms:Encrypt"], Actions(statement).Order(StringComparer.Ordinal));
            }
            else
            {
                Assert.Equal("s3.sa-east-1.amazonaws.com", condition.GetProperty("kms:ViaService").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(AppIds))]
    public void Parameters_read_are_the_apps_own_connection_strings_only(string appId)
    {
        var reads = Statements(appId).Where(s => Actions(s).Contains("ssm:GetParameter")).SelectMany(Resources).ToList();
        var needs = AppCatalogue.Apps.Single(a => a.AppId == appId);

        Assert.Equal(needs.HasDatabase ? 2 : 0, reads.Count);
        Assert.All(reads, r => Assert.Matches($@":parameter/poctracker/ConnectionStrings/{appId}(-relay)?$", r));
    }

    [Theory]
    [MemberData(nameof(AppIds))]
    public void Pub_sub_access_is_limited_to_the_apps_topics_and_queues(string appId)
    {
        var needs = AppCatalogue.Apps.Single(a => a.AppId == appId);
        var statements = Statements(appId).ToList();
        var published = statements.Where(s => Actions(s).Contains("sns:Publish")).SelectMany(Resources).Select(TopicName).Order(StringComparer.Ordinal);
        var queues = statements.Where(s => Actions(s).Contains("sqs:ReceiveMessage")).SelectMany(Resources).Select(r => r.Split(':')[^1]).ToList();

        var expectedTopics = appId == "dojo" ? AppCatalogue.DojoTopics : needs.Publishes;
        Assert.Equal(expectedTopics.Order(StringComparer.Ordinal), published);
        Assert.Equal(appId == "dojo" ? ["dojo-*"] : needs.Consumes.Count > 0 ? [appId] : Array.Empty<string>(), queues);
        Assert.DoesNotContain(statements.SelectMany(Actions), a => a is "sqs:CreateQueue" or "sns:CreateTopic" or "sns:Subscribe" && appId != "dojo");
    }

    [Fact]
    public void Every_role_pods_assume_is_scoped_the_same_way()
    {
        // Not only the apps': any role trusted through the cluster's OIDC provider (External Secrets' too, and any added later).
        var podRoles = app.Resources(app.Stacks.Cluster, "AWS::IAM::Role")
            .Where(r => r.Properties.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray()
                .Any(s => s.GetProperty("Action").GetString() == "sts:AssumeRoleWithWebIdentity"))
            .Select(r => r.Properties.GetProperty("RoleName").GetString()!)
            .ToList();

        Assert.Equal(AppCatalogue.Apps.Count + 1, podRoles.Count);
        foreach (var statement in podRoles.SelectMany(name => Statements(name["poctracker-".Length..])))
        {
            Assert.DoesNotContain(Actions(statement), a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal));
            if (Resources(statement).Contains("*"))
            {
                Assert.Equal(ActionsAllowedOnAnyResource, Actions(statement));
            }
        }
    }

    [Fact]
    public void The_gateway_calls_no_AWS_API() => Assert.Empty(Statements("gateway"));

    [Fact]
    public void Identity_may_use_the_key_ring_key()
    {
        var identity = Statements("identity").ToList();

        Assert.Contains(identity, s => Actions(s).Contains("kms:Encrypt") && Actions(s).Contains("kms:Decrypt"));
    }

    private static string TopicName(string arn) => arn.Split(':')[^1];

    private JsonElement Role(string appId) => app.Resources(app.Stacks.Cluster, "AWS::IAM::Role")
        .Single(r => r.Properties.TryGetProperty("RoleName", out var name) && name.GetString() == $"poctracker-{appId}").Properties;

    /// <summary>The role's inline policies and every AWS::IAM::Policy attached to it.</summary>
    private IEnumerable<JsonElement> Statements(string appId)
    {
        var role = Role(appId);
        var roleId = app.Json(app.Stacks.Cluster).GetProperty("Resources").EnumerateObject()
            .Single(r => r.Value.TryGetProperty("Properties", out var p) && p.TryGetProperty("RoleName", out var n) && n.GetString() == $"poctracker-{appId}").Name;
        var inline = role.TryGetProperty("Policies", out var policies)
            ? policies.EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            : [];
        var attached = app.Resources(app.Stacks.Cluster, "AWS::IAM::Policy")
            .Where(p => p.Properties.GetProperty("Roles").EnumerateArray().Any(r => Cfn.Render(r) == "${" + roleId + "}"))
            .SelectMany(p => p.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());
        return inline.Concat(attached);
    }

    private static string[] Actions(JsonElement statement) => [.. Cfn.List(statement.GetProperty("Action")).Select(Cfn.Render)];

    private static string[] Resources(JsonElement statement) => [.. Cfn.List(statement.GetProperty("Resource")).Select(Cfn.Render)];
}
