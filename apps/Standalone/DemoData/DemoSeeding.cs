using PocTracker.Pocs;
using PocTracker.Pocs.DemoData;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.Standalone.Auth;

namespace PocTracker.Standalone.DemoData;

/// <summary>
/// With <c>--demo</c>: after migrations, seeds the demo tenant (idempotently) and writes access
/// tokens for its owner and member to files in the data folder, so a newcomer can call the API at
/// once. The tokens go to files, never to the log.
/// </summary>
internal sealed partial class DemoSeeding(
    TenantDatabase pocs,
    StandaloneSigningKey? signingKey,
    StandaloneSettings settings,
    TimeProvider time,
    ILogger<DemoSeeding> logger) : IHostedService
{
    private static readonly TimeSpan DemoTokenLifetime = TimeSpan.FromHours(12);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var inserted = await PocsDemoData.SeedAsync(pocs, time, cancellationToken);
        LogSeeded(logger, inserted, PocsDemoData.TenantId);

        if (signingKey is null)
        {
            return; // tokens come from the configured identity provider
        }

        string[] audiences = [PocsModule.AppId];
        var owner = signingKey.IssueAccessToken(PocsDemoData.TenantId, PocsDemoData.OwnerId, "Ana Souza", TenantClaims.Roles.Owner, audiences, DemoTokenLifetime, time);
        var member = signingKey.IssueAccessToken(PocsDemoData.TenantId, PocsDemoData.MemberId, "Bruno Lima", TenantClaims.Roles.Member, audiences, DemoTokenLifetime, time);
        foreach (var (file, token) in new[] { ("demo-owner.token", owner), ("demo-member.token", member) })
        {
            var path = Path.Combine(settings.DataDirectory, file);
            await File.WriteAllTextAsync(path, token, cancellationToken);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        LogTokens(logger, settings.DataDirectory, DemoTokenLifetime.TotalHours);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Inserted} POCs inserted for demo tenant {TenantId}")]
    private static partial void LogSeeded(ILogger logger, int inserted, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo access tokens (valid {Hours} h) written to {DataDirectory}/demo-owner.token and demo-member.token")]
    private static partial void LogTokens(ILogger logger, string dataDirectory, double hours);
}
