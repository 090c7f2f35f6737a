using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// Runs migrations before the server accepts requests when <c>Database:MigrateOnStartup</c> is
/// true (Standalone and tests). Production runs the <c>migrate</c> command as a job instead, so
/// replicas never race each other over the schema.
/// </summary>
internal sealed class MigrateOnStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        configuration.GetValue<bool>("Database:MigrateOnStartup")
            ? Task.Run(services.MigrateAppDatabases, cancellationToken)
            : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
