using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Sidecar;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>An app database this process uses, with the assembly holding its migrations.</summary>
public sealed record AppDatabase(string Name, Assembly MigrationsAssembly);

/// <summary>
/// A schema script ServiceDefaults adds to an app database when the app uses one of its ports that
/// keeps state (e.g. the job runner's <c>job_runs</c>); it runs before the app's own migrations.
/// </summary>
public sealed record AppDatabaseScript(string Database, string Name, string Sql);

public static class AppDatabaseSetup
{
    /// <summary>
    /// Registers app database <paramref name="name"/>: its <see cref="TenantDatabase"/> (keyed by the
    /// name), its outbox relay, a readiness check, and its migrations (run at start-up when
    /// <c>Database:MigrateOnStartup</c> is true, as Standalone sets it; otherwise by the
    /// <c>migrate</c> command).
    /// </summary>
    public static IHostApplicationBuilder AddAppDatabase(this IHostApplicationBuilder builder, string name, Assembly migrationsAssembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        DateOnlyTypeHandler.Register();
        var relayKey = name + "-relay";

        services.AddSingleton(new AppDatabase(name, migrationsAssembly));
        // Under Dapr the connection strings (and keys) come from the secret store (docs/operations.md).
        if (RequiredDaprComponents.SecretStoreName(builder.Configuration) is { } secretStore)
        {
            services.AddRequiredDaprComponent(RequiredDaprComponent.SecretStore(secretStore, "its connection strings"));
        }
        services.AddKeyedSingleton(name, (sp, _) => BuildDataSource(AppDatabaseConnections.From(sp.GetRequiredService<IConfiguration>(), name).App));
        services.AddKeyedSingleton(relayKey, (sp, _) => BuildDataSource(AppDatabaseConnections.From(sp.GetRequiredService<IConfiguration>(), name).Relay));
        services.AddKeyedSingleton<OutboxSignal>(name);
        services.AddKeyedSingleton(name, (sp, _) => new TenantDatabase(
            name,
            sp.GetRequiredKeyedService<NpgsqlDataSource>(name),
            sp.GetRequiredKeyedService<OutboxSignal>(name),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<OutboxMetrics>();
        services.AddSingleton<IHostedService>(sp => new OutboxRelay(
            name,
            sp.GetRequiredKeyedService<NpgsqlDataSource>(relayKey),
            sp.GetRequiredKeyedService<OutboxSignal>(name),
            sp.GetRequiredService<IEventBus>(),
            sp.GetServices<EventPublication>().Select(p => p.EventType).ToHashSet(),
            sp.GetRequiredService<OutboxMetrics>(),
            sp.GetRequiredService<ILogger<OutboxRelay>>()));

        services.AddHealthChecks().AddNpgSql(
            sp => sp.GetRequiredKeyedService<NpgsqlDataSource>(name),
            name: $"{name}-database",
            tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>Migrates every app database registered in this process.</summary>
    public static void MigrateAppDatabases(this IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        var scripts = services.GetServices<AppDatabaseScript>().ToList();
        foreach (var database in services.GetServices<AppDatabase>())
        {
            DatabaseMigrator.Migrate(AppDatabaseConnections.From(configuration, database.Name), database.MigrationsAssembly, logger,
                scripts.Where(s => s.Database == database.Name).ToList());
        }
    }

    /// <summary>
    /// App connections are for short transactional queries: no JIT compilation (tens of ms to save
    /// microseconds) and no parallel workers (on a busy server they only compete with other requests).
    /// </summary>
    private static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.Options))
        {
            builder.ConnectionStringBuilder.Options = "-c jit=off -c max_parallel_workers_per_gather=0";
        }

        return builder.Build();
    }
}
