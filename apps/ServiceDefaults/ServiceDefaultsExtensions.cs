using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PocTracker.ServiceDefaults.Auth;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Logging;
using PocTracker.ServiceDefaults.OpenApi;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Proxies;
using PocTracker.ServiceDefaults.RateLimiting;
using PocTracker.ServiceDefaults.Requests;
using PocTracker.ServiceDefaults.StartupChecks;
using PocTracker.ServiceDefaults.Telemetry;
using Serilog;

namespace PocTracker.ServiceDefaults;

/// <summary>What every PocTracker app gets, in one call each on the builder and on the app.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every process that serves HTTP gets, the gateway included: JSON logs, telemetry (and the metrics
    /// port), server limits, problem details, trusted proxies, health, and the start-up checks. Nothing here
    /// needs a database, a token issuer or a sidecar.
    /// </summary>
    public static WebApplicationBuilder AddHostDefaults(this WebApplicationBuilder builder, string appId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonLogging(appId);
        builder.AddTelemetry(appId);
        builder.ListenOnMetricsPort();
        builder.ConfigureServerLimits();

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemResponses();
        services.AddTrustedProxies(builder.Configuration);
        services.AddDefaultHealthChecks();
        // First of all hosted services, so the checks run before the server (registered by the host
        // before us) listens; AddServiceDefaults puts the migrations before them.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, RunStartupChecks>());
        return builder;
    }

    /// <summary>
    /// An app's defaults: <see cref="AddHostDefaults"/>, and rate limiting, JWT validation, OpenAPI, the
    /// event bus, the database role check and migrations on start-up.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string appId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHostDefaults(appId);

        var services = builder.Services;
        services.AddRateLimits();
        services.AddJwtAuthentication(builder.Configuration);
        services.AddApiDocument(appId);
        services.AddEventBus(builder.Configuration);
        services.AddStartupCheck<DatabaseRoleCheck>();
        // First of all hosted services: the host registered some before us (Data Protection's key
        // ring loader reads the identity database), and none may touch a schema not yet migrated.
        // The start-up checks (AddHostDefaults) come right after the migrations (the role check reads
        // the tables they made) and before the server (registered by the host before us) listens.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateOnStartup>());
        return builder;
    }

    /// <summary>
    /// The middleware every process serving HTTP runs first, in order: the metrics port, trusted proxies,
    /// request summaries, errors, request size limits.
    /// </summary>
    public static WebApplication UseHostDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMetricsPort();
        app.UseTrustedProxies();
        app.UseRequestSummaries();
        app.UseProblemResponses();
        app.UseRequestLimits();
        return app;
    }

    /// <summary>
    /// The middleware every app runs, in order: <see cref="UseHostDefaults"/>, rate limits, auth, logging
    /// context, body media types.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHostDefaults();

        // Before authentication: OpenIddict does its protocol work (client and grant validation,
        // refresh-token checks) and answers protocol errors inside UseAuthentication, so a limit
        // placed after it would neither save that work nor count the refused requests.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseRequestLogContext();
        app.UseAuthorization();
        app.UseRequestMediaTypes();
        if (app.Services.GetRequiredService<DaprSettings>().SidecarConfigured)
        {
            app.UseCloudEvents();
        }

        return app;
    }

    /// <summary>
    /// Health, the OpenAPI document and page, and Dapr's subscriptions (metrics are on the management
    /// port: <see cref="MetricsEndpoint"/>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.MapApiDocument();
        app.MapIntegrationEventSubscriptions();
        return app;
    }

    /// <summary>
    /// Runs the app, or with the single argument <c>migrate</c> migrates its databases and exits
    /// (how production applies migrations: a Kubernetes Job before the rollout). An app that refuses to start
    /// (a start-up check, a missing connection string, invalid options) logs one line per problem and returns
    /// <see cref="StartupRefusal.ExitCode"/>, whichever of the two it was doing.
    /// </summary>
    public static Task<int> RunOrMigrateAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        return args is ["migrate"]
            ? app.RefusingClearlyAsync(() =>
            {
                app.Services.MigrateAppDatabases();
                return Task.CompletedTask;
            })
            : app.RunAndFlushLogsAsync();
    }

    /// <summary>
    /// Runs a one-shot command of the app instead of the server (identity's <c>rotate-keys</c>), then exits: 0 when it
    /// is done, or like a refused start (one line per problem, <see cref="StartupRefusal.ExitCode"/>) when it cannot run.
    /// </summary>
    public static Task<int> RunCommandAsync(this WebApplication app, Func<CancellationToken, Task> command)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(command);
        return app.RefusingClearlyAsync(() => command(app.Lifetime.ApplicationStopping));
    }

    /// <summary>
    /// Runs the app until it stops, then writes out the log lines still buffered; an app that refuses to start logs
    /// one line per problem and returns <see cref="StartupRefusal.ExitCode"/> (the gateway's whole run: it never migrates).
    /// </summary>
    public static Task<int> RunAndFlushLogsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // RunAsync, in two steps: it disposes the host (and with it the logger) before an exception reaches us.
        return app.RefusingClearlyAsync(async () =>
        {
            await app.StartAsync();
            await app.WaitForShutdownAsync();
        });
    }

    private static async Task<int> RefusingClearlyAsync(this WebApplication app, Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception exception) when (StartupRefusal.ProblemsOf(exception) is { Count: > 0 } problems)
        {
            StartupRefusal.Report(app.Services, problems);
            if (!StartupRefusal.IsTheAppsOwnProcess(app.Environment))
            {
                throw; // a test factory running the app's entry point learns of it as of any failed start
            }

            return StartupRefusal.ExitCode;
        }
        finally
        {
            await app.DisposeAsync();
            await Log.CloseAndFlushAsync();
        }
    }
}
