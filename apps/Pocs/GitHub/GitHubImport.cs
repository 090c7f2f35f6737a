using PocTracker.ServiceDefaults.Jobs;

namespace PocTracker.Pocs.GitHub;

/// <summary>
/// Registering POCs from GitHub (docs/api.md, "From GitHub"): a preview of a repository, a POC from one, and a user's
/// public repositories at once (as a job with progress when they are many, <see cref="GitHubImportWorkflow"/>). GitHub's REST API is read through Octokit with an ETag cache (<see cref="GitHubResponseCache"/>).
/// </summary>
internal static class GitHubImport
{
    public static IHostApplicationBuilder AddGitHubImport(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section)
            .Validate(o => o.ApiBaseUrl is { IsAbsoluteUri: true, Scheme: "https" or "http" }, "GitHub:ApiBaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "GitHub:Timeout must be positive.")
            .Validate(o => o.MaxUserRepositories >= 1, "GitHub:MaxUserRepositories must be at least 1.")
            .Validate(o => o.SynchronousImportLimit >= 0, "GitHub:SynchronousImportLimit must not be negative.")
            .Validate(o => o.CacheSizeLimit >= 1, "GitHub:CacheSizeLimit must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<GitHubResponseCache>();
        services.AddSingleton<GitHubRepositories>();

        // Users with many repositories are imported as jobs (GitHubImportWorkflow) on the pocs job runner: a Dapr Workflow
        // under a sidecar, the local runner over the pocs database's job_runs otherwise.
        services.AddScoped<GitHubImportJobStore>();
        services.AddScoped<GitHubImportJobStarter>();
        builder.AddJobs(PocsModule.AppId, jobs => jobs
            .AddWorkflow<GitHubImportWorkflow, GitHubImportJobInput, bool>(onAbandoned: (sp, _, job, _, cancellationToken) =>
                sp.GetRequiredService<GitHubImportJobStore>().FailAsync(job.User, job.JobId, GitHubImportJobReasons.Interrupted, cancellationToken))
            .AddActivity<ImportGitHubPageActivity, GitHubImportPageInput, GitHubImportPageOutcome>()
            .AddActivity<EndGitHubImportActivity, GitHubImportEndInput, bool>());
        return builder;
    }

    public static IEndpointRouteBuilder MapGitHubImport(this IEndpointRouteBuilder api)
    {
        api.MapPreviewFromGitHub();
        api.MapCreateFromGitHub();
        api.MapImportGitHubUser();
        api.MapGitHubImportJobs();
        return api;
    }
}
