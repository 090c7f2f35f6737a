using Amazon.CDK.Assertions;

namespace PocTracker.Infra.Tests;

public sealed class DataTests(SynthesisedApp app)
{
    [Fact]
    public void Aurora_is_encrypted_with_a_customer_key_IAM_authenticated_backed_up_and_protected()
    {
        app.Template(app.Stacks.Data).HasResourceProperties("AWS::RDS::DBCluster", new Dictionary<string, object>
        {
            ["Engine"] = "aurora-postgresql",
            ["StorageEncrypted"] = true,
            ["KmsKeyId"] = Match.ObjectLike(new Dictionary<string, object> { ["Fn::GetAtt"] = Match.ArrayWith([Match.StringLikeRegexp("^DatabaseKey")]) }),
            ["EnableIAMDatabaseAuthentication"] = true,
            ["DeletionProtection"] = true,
            ["BackupRetentionPeriod"] = 14,
        });
        app.Template(app.Stacks.Data).HasResource("AWS::RDS::DBCluster", new Dictionary<string, object> { ["DeletionPolicy"] = "Snapshot" });
    }

    [Fact]
    public void Aurora_has_a_writer_and_a_reader_in_different_AZs()
    {
        var instances = app.Resources(app.Stacks.Data, "AWS::RDS::DBInstance")
            .Select(i => (Tier: i.Properties.GetProperty("PromotionTier").GetInt32(), Az: i.Properties.GetProperty("AvailabilityZone").GetString()))
            .ToList();

        Assert.True(instances.Count >= 2, "a writer and at least one reader");
        var writer = Assert.Single(instances, i => i.Tier == 0);
        Assert.All(instances.Where(i => i != writer), reader => Assert.NotEqual(writer.Az, reader.Az));
    }

    [Fact]
    public void The_bucket_lets_only_the_apps_origin_read_it_across_origins()
    {
        var bucket = Assert.Single(app.Resources(app.Stacks.Data, "AWS::S3::Bucket")).Properties;
        var rule = Assert.Single(bucket.GetProperty("CorsConfiguration").GetProperty("CorsRules").EnumerateArray());

        Assert.Equal([$"https://{SynthesisedApp.PublicHost}"], rule.GetProperty("AllowedOrigins").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["GET", "HEAD"], rule.GetProperty("AllowedMethods").EnumerateArray().Select(m => m.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Aurora_lives_in_the_isolated_subnets()
    {
        var subnetGroup = Assert.Single(app.Resources(app.Stacks.Data, "AWS::RDS::DBSubnetGroup"));
        var subnets = subnetGroup.Properties.GetProperty("SubnetIds").EnumerateArray().Select(Cfn.Render).ToList();

        Assert.Equal(3, subnets.Count);
        Assert.All(subnets, s => Assert.Contains("isolated", s, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_bucket_is_never_public_and_encrypted_with_its_KMS_key()
    {
        var bucket = Assert.Single(app.Resources(app.Stacks.Data, "AWS::S3::Bucket")).Properties;
        var block = bucket.GetProperty("PublicAccessBlockConfiguration");
        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            Assert.True(block.GetProperty(setting).GetBoolean(), setting);
        }

        var encryption = bucket.GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0].GetProperty("ServerSideEncryptionByDefault");
        Assert.Equal("aws:kms", encryption.GetProperty("SSEAlgorithm").GetString());
        Assert.StartsWith("${ObjectsKey", Cfn.Render(encryption.GetProperty("KMSMasterKeyID")), StringComparison.Ordinal);
        Assert.False(bucket.TryGetProperty("WebsiteConfiguration", out _));
    }

    [Fact]
    public void The_bucket_refuses_requests_without_TLS()
    {
        var policy = Assert.Single(app.Resources(app.Stacks.Data, "AWS::S3::BucketPolicy")).Properties;
        var statements = policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray();

        Assert.Contains(statements, s =>
            s.GetProperty("Effect").GetString() == "Deny"
            && s.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString() == "false");
    }

    [Fact]
    public void Lifecycle_rules_expire_report_files_and_abandoned_uploads()
    {
        var rules = Assert.Single(app.Resources(app.Stacks.Data, "AWS::S3::Bucket")).Properties
            .GetProperty("LifecycleConfiguration").GetProperty("Rules").EnumerateArray().ToList();

        var reports = Assert.Single(rules, r => r.GetProperty("Id").GetString() == "expire-report-files");
        Assert.Equal("Enabled", reports.GetProperty("Status").GetString());
        Assert.InRange(reports.GetProperty("ExpirationInDays").GetInt32(), 1, 7); // the app's sweep deletes them after 24 h
        var tag = Assert.Single(reports.GetProperty("TagFilters").EnumerateArray());
        Assert.Equal(ObjectLifecycle.KindTag, tag.GetProperty("Key").GetString());
        Assert.Equal(ObjectLifecycle.ReportKind, tag.GetProperty("Value").GetString());

        Assert.Contains(rules, r => r.TryGetProperty("AbortIncompleteMultipartUpload", out var abort) && abort.GetProperty("DaysAfterInitiation").GetInt32() == 1);
        // Videos stay until their owner's account is deleted (docs/video.md): no rule may expire everything.
        Assert.All(rules.Where(r => r.TryGetProperty("ExpirationInDays", out _)), r => Assert.True(r.TryGetProperty("TagFilters", out _) || r.TryGetProperty("Prefix", out _)));
    }

    [Fact]
    public void Every_KMS_key_rotates_and_is_retained()
    {
        foreach (var stack in new Amazon.CDK.Stack[] { app.Stacks.Data, app.Stacks.Cluster })
        {
            var keys = app.Json(stack).GetProperty("Resources").EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == "AWS::KMS::Key").ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, k =>
            {
                Assert.True(k.Value.GetProperty("Properties").GetProperty("EnableKeyRotation").GetBoolean(), k.Name);
                Assert.Equal("Retain", k.Value.GetProperty("DeletionPolicy").GetString());
            });
        }
    }

    [Fact]
    public void Only_non_secret_parameters_are_made_here()
    {
        var parameters = app.Resources(app.Stacks.Data, "AWS::SSM::Parameter").ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, p =>
        {
            Assert.Equal("String", p.Properties.GetProperty("Type").GetString());
            Assert.StartsWith("/poctracker/infra/", p.Properties.GetProperty("Name").GetString(), StringComparison.Ordinal);
        });
    }

}
