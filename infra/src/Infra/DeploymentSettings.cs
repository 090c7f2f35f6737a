using Amazon.CDK;

namespace PocTracker.Infra;

/// <summary>
/// What differs per AWS account: read from CDK context (`cdk deploy -c account=… -c githubRepository=owner/repo`)
/// or the CLI's environment, never looked up in AWS at synthesis (no context lookups: tests synthesise offline).
/// <c>publicHost</c> is the host name people reach the product at (the manifests' PUBLIC_HOST): the bucket lets the web
/// page on that origin read what it is redirected to.
/// </summary>
public sealed record DeploymentSettings(string Account, string GitHubRepository, string AlarmEmail, string PublicHost)
{
    /// <summary>sa-east-1 (São Paulo), the product's region.</summary>
    public const string Region = "sa-east-1";

    /// <summary>The region's three AZs, named explicitly so the VPC spans all three without an AZ lookup.</summary>
    public static readonly IReadOnlyList<string> AvailabilityZones = ["sa-east-1a", "sa-east-1b", "sa-east-1c"];

    public Amazon.CDK.Environment Environment => new() { Account = Account, Region = Region };

    public static DeploymentSettings From(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var account = Context(app, "account") ?? System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT")
            ?? throw new InvalidOperationException("Name the AWS account: cdk deploy -c account=123456789012 (or configure the AWS CLI).");
        var repository = Context(app, "githubRepository")
            ?? throw new InvalidOperationException("Name the GitHub repository the workflows run in: -c githubRepository=owner/repo.");
        var publicHost = Context(app, "publicHost")
            ?? throw new InvalidOperationException("Name the host people reach the product at: -c publicHost=poctracker.example.com.");
        if (Uri.CheckHostName(publicHost) != UriHostNameType.Dns)
        {
            throw new InvalidOperationException($"publicHost must be a host name such as poctracker.example.com, not '{publicHost}'.");
        }

        return new DeploymentSettings(account, repository, Context(app, "alarmEmail") ?? "", publicHost);
    }

    private static string? Context(App app, string key) => app.Node.TryGetContext(key) is string { Length: > 0 } value ? value : null;
}
