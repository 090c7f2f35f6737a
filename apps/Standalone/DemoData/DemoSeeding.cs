using PocTracker.Identity.DemoData;
using PocTracker.Pocs.DemoData;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.Standalone.DemoData;

/// <summary>
/// With <c>--demo</c>: after migrations, seeds the demo organisation in every app (idempotently):
/// its people in identity (the login the README's run command prints), their POCs in pocs.
/// </summary>
internal sealed partial class DemoSeeding(IServiceProvider services, TenantDatabase pocs, TimeProvider time, ILogger<DemoSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var accounts = await IdentityDemoData.SeedAsync(services, PocsDemoData.TenantId, PocsDemoData.OwnerId, PocsDemoData.MemberId, time, cancellationToken);
        var inserted = await PocsDemoData.SeedAsync(pocs, time, cancellationToken);
        LogSeeded(logger, accounts, inserted, PocsDemoData.TenantId, IdentityDemoData.Slug);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Accounts} accounts and {Inserted} POCs inserted for demo tenant {TenantId} (slug {Slug})")]
    private static partial void LogSeeded(ILogger logger, int accounts, int inserted, Guid tenantId, string slug);
}
