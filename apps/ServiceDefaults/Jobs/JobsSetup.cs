using Dapr.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Jobs.Dapr;
using PocTracker.ServiceDefaults.Jobs.Local;
using PocTracker.ServiceDefaults.Sidecar;
using PocTracker.ServiceDefaults.Storage;

namespace PocTracker.ServiceDefaults.Jobs;

/// <summary>Where jobs' local work folders live (<c>Jobs:WorkRoot</c>, default <c>{temp}/poctracker-jobs</c>).</summary>
public sealed record JobsOptions(string WorkRoot);

/// <summary>The workflows and activities an app runs as jobs.</summary>
public sealed class JobsBuilder
{
    internal JobsBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    internal List<JobWorkflowRegistration> Workflows { get; } = [];

    internal List<Action<WorkflowRuntimeOptions>> DaprRegistrations { get; } = [];

    /// <summary>
    /// Adds workflow <typeparamref name="TWorkflow"/>. <paramref name="onAbandoned"/> records the
    /// reason when the local runner gives up on a job (its process kept dying, or the workflow threw).
    /// </summary>
    public JobsBuilder AddWorkflow<TWorkflow, TIn, TOut>(Func<IServiceProvider, JobKey, TIn, string, CancellationToken, Task>? onAbandoned = null)
        where TWorkflow : IJobWorkflow<TIn, TOut>, new()
    {
        Workflows.Add(JobWorkflowRegistration.For<TWorkflow, TIn, TOut>(onAbandoned));
        DaprRegistrations.Add(options => options.RegisterWorkflow<DaprJobWorkflow<TWorkflow, TIn, TOut>>(JobNames.Of<TWorkflow>()));
        return this;
    }

    /// <summary>Adds activity <typeparamref name="TActivity"/> (resolved from DI, scoped, in both runners).</summary>
    public JobsBuilder AddActivity<TActivity, TIn, TOut>()
        where TActivity : class, IJobActivity<TIn, TOut>
    {
        Services.AddScoped<TActivity>();
        DaprRegistrations.Add(options => options.RegisterActivity<DaprJobActivity<TActivity, TIn, TOut>>(JobNames.Of<TActivity>()));
        return this;
    }
}

public static class JobsSetup
{
    /// <summary>
    /// Registers the job runner of app database <paramref name="database"/> as a keyed
    /// <see cref="IJobRunner"/> (key: the database name): Dapr Workflow when a sidecar is configured,
    /// otherwise the local runner over the database's <c>job_runs</c> table (created by the
    /// migrations in both modes, so the schema does not depend on how the app runs). Settings in
    /// section <c>Jobs</c>: <c>Workers</c> (default: half the cores, at least 1), <c>Lease</c>
    /// (default 30 s), <c>MaxRuns</c> (default 3), <c>WorkRoot</c>.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder, string database, Action<JobsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var jobs = new JobsBuilder(services);
        configure(jobs);

        var options = new JobsOptions(configuration["Jobs:WorkRoot"] is { Length: > 0 } root ? root : Path.Combine(Path.GetTempPath(), "poctracker-jobs"));
        services.AddSingleton(options);
        services.AddObjectStorage(configuration);
        services.AddSingleton(new AppDatabaseScript(database, JobRunsSchema.ScriptName, JobRunsSchema.Sql));

        if (DaprSettings.From(configuration).SidecarConfigured)
        {
            services.AddDaprWorkflow(runtime =>
            {
                foreach (var register in jobs.DaprRegistrations)
                {
                    register(runtime);
                }
            });
            services.AddKeyedSingleton<IJobRunner>(database, (sp, _) => new DaprJobRunner(sp.GetRequiredService<DaprWorkflowClient>()));
            // Dapr Workflows are actors: their state lives in the app's actor state store.
            services.AddRequiredDaprComponent(RequiredDaprComponent.ActorStateStore("the job runner's Dapr Workflows"));
            return builder;
        }

        var settings = new LocalJobSettings(
            configuration.GetValue("Jobs:Workers", Math.Max(1, Environment.ProcessorCount / 2)),
            configuration.GetValue("Jobs:Lease", TimeSpan.FromSeconds(30)),
            configuration.GetValue("Jobs:MaxRuns", 3),
            options.WorkRoot);
        var workflows = jobs.Workflows.ToDictionary(w => w.Name, StringComparer.Ordinal);
        services.AddKeyedSingleton(database, (sp, _) => new LocalJobRunner(
            new JobRunStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(database + "-relay"), settings.Lease),
            workflows, settings, sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<ILogger<LocalJobRunner>>()));
        services.AddKeyedSingleton<IJobRunner>(database, (sp, key) => sp.GetRequiredKeyedService<LocalJobRunner>(key));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<LocalJobRunner>(database));
        return builder;
    }
}
