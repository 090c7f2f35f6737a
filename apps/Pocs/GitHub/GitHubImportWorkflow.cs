using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.GitHub;

/// <summary>
/// A GitHub user import job, page by page (<see cref="ImportGitHubPageActivity"/>: read a page of GitHub, write its POCs
/// and the progress in one transaction), then the end (<see cref="EndGitHubImportActivity"/>). GitHub failing midway
/// fails the job with a reason the person reads, and what earlier pages created stays (and is counted). Deterministic (no
/// clock, no I/O): the runners replay it, so a job cut off by a restart resumes at the page it had not finished.
/// </summary>
internal sealed class GitHubImportWorkflow : IJobWorkflow<GitHubImportJobInput, bool>
{
    /// <summary>For faults (the database, a lost connection): GitHub's own refusals are not retried, the job says when to try again.</summary>
    public static readonly JobRetry Retry = new(MaxAttempts: 3, FirstDelay: TimeSpan.FromSeconds(1));

    public async Task<bool> RunAsync(IJobContext context, GitHubImportJobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        string? failure = null;
        try
        {
            for (var page = 1; ; page++)
            {
                var outcome = await context.CallActivityAsync<ImportGitHubPageActivity, GitHubImportPageInput, GitHubImportPageOutcome>(
                    new GitHubImportPageInput(input, page), Retry);
                failure = outcome.Failure;
                if (failure is not null || !outcome.MorePages)
                {
                    break;
                }
            }
        }
        catch (JobActivityFailedException)
        {
            failure = GitHubImportJobReasons.Fault;
        }

        await context.CallActivityAsync<EndGitHubImportActivity, GitHubImportEndInput, bool>(new GitHubImportEndInput(input, failure), Retry);
        return failure is null;
    }
}

/// <summary>A GitHub import job's input, fixed when it was asked for.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="UserId">Who asked (the POCs are theirs, the job is theirs to see).</param>
/// <param name="Roles">Their roles then (a tenant admin is told the id of a colleague's private POC of a repository).</param>
/// <param name="JobId">The job's <c>github_import_jobs</c> row.</param>
/// <param name="Login">Whose repositories.</param>
/// <param name="Cap">How many repositories it looks at, at most (GitHub:MaxUserRepositories).</param>
internal sealed record GitHubImportJobInput(Guid TenantId, Guid UserId, IReadOnlyList<string> Roles, Guid JobId, string Login, int Cap)
{
    public TenantUser User => new(TenantId, UserId, Roles.ToHashSet(StringComparer.Ordinal));
}

internal sealed record GitHubImportPageInput(GitHubImportJobInput Job, int Page);

/// <summary>How a page went: whether to read on, or why the job fails (for the person who asked).</summary>
internal sealed record GitHubImportPageOutcome(bool MorePages, string? Failure);

internal sealed record GitHubImportEndInput(GitHubImportJobInput Job, string? Failure);

/// <summary>The reasons a GitHub import job fails with, written for the person who asked.</summary>
internal static class GitHubImportJobReasons
{
    public const string Fault = "The import stopped because of an error on our side; the POCs it created stay. Import the user again to register the rest.";
    public const string Interrupted = "The import was interrupted: the server restarted several times. The POCs it created stay; import the user again to register the rest.";
    public const string Gone = "The import is no longer in the making.";

    public static string NotFound(string login) => $"GitHub no longer has a user {login}; the POCs created before stay.";

    public static string Unavailable(GitHubUnavailableException e, int lookedAt)
    {
        ArgumentNullException.ThrowIfNull(e);
        var seconds = (long)Math.Ceiling(e.RetryAfter.TotalSeconds);
        var why = e.RateLimited ? "GitHub's rate limit for this server is used up" : "GitHub could not be reached";
        return string.Create(CultureInfo.InvariantCulture,
            $"{why} after {lookedAt} repositories; the POCs created stay. Import the user again in {seconds} s to register the rest.");
    }
}

/// <summary>
/// Activity "import a page": reads page <see cref="GitHubImportPageInput.Page"/> of the user's public repositories (within
/// the cap) and writes its POCs with the job's progress in one transaction. Run again after its commit (a retry, a
/// resumed job) it writes nothing and answers as the first time did. GitHub refusing is not an exception (not retried):
/// the outcome carries the reason.
/// </summary>
internal sealed class ImportGitHubPageActivity(GitHubImportJobStore store, GitHubRepositories gitHub, PocsMetrics metrics, TimeProvider time)
    : IJobActivity<GitHubImportPageInput, GitHubImportPageOutcome>
{
    public async Task<GitHubImportPageOutcome> RunAsync(GitHubImportPageInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var job = input.Job;
        var user = job.User;
        var row = await store.BeginAsync(user, job.JobId, cancellationToken);
        if (row is null || row.Ended)
        {
            return new GitHubImportPageOutcome(false, row is null ? GitHubImportJobReasons.Gone : null);
        }

        if (row.PagesDone >= input.Page)
        {
            return new GitHubImportPageOutcome(row.MorePages, null);
        }

        UserRepositoriesPage found;
        try
        {
            found = await gitHub.ListPageForUserAsync(job.Login, input.Page, job.Cap - row.LookedAt, cancellationToken);
        }
        catch (GitHubNotFoundException)
        {
            return new GitHubImportPageOutcome(false, GitHubImportJobReasons.NotFound(job.Login));
        }
        catch (GitHubUnavailableException e)
        {
            return new GitHubImportPageOutcome(false, GitHubImportJobReasons.Unavailable(e, row.LookedAt));
        }

        var now = time.GetUtcNow();
        var (written, wrote) = await store.WritePageAsync(user, job.JobId, input.Page, found,
            tx => ImportGitHubUser.WriteAsync(tx, job.Login, found.Repositories, now), cancellationToken);
        if (wrote)
        {
            metrics.Written("import-github", written.Created - row.Created);
        }

        return new GitHubImportPageOutcome(wrote ? found.HasNext : written.MorePages && !written.Ended, null);
    }
}

/// <summary>Activity "end": the job succeeded, or failed with its reason. Repeating it changes nothing.</summary>
internal sealed class EndGitHubImportActivity(GitHubImportJobStore store) : IJobActivity<GitHubImportEndInput, bool>
{
    public Task<bool> RunAsync(GitHubImportEndInput input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Failure is { } reason
            ? store.FailAsync(input.Job.User, input.Job.JobId, reason, cancellationToken)
            : store.SucceedAsync(input.Job.User, input.Job.JobId, cancellationToken);
    }
}

/// <summary>Turns a large user import into a job: its row, then its workflow on the pocs job runner; 202 with where to follow it.</summary>
internal sealed class GitHubImportJobStarter(
    GitHubImportJobStore store, [FromKeyedServices(PocsModule.AppId)] IJobRunner runner, IOptions<GitHubOptions> options)
{
    public async Task<Accepted<GitHubImportJob>> StartAsync(TenantUser user, string login, int total, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var row = await store.CreateAsync(user, login, total, cancellationToken);
        var input = new GitHubImportJobInput(user.TenantId, user.UserId, [.. user.Roles], row.Id, login, options.Value.MaxUserRepositories);
        try
        {
            await runner.StartAsync<GitHubImportWorkflow, GitHubImportJobInput, bool>(user.TenantId, row.Id, input, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not left queued forever: the person sees it failed, and can ask again at once.
            await store.FailAsync(user, row.Id, "The import could not be started. Ask for it again.", CancellationToken.None);
            row = await store.FindAsync(user, row.Id, CancellationToken.None) ?? row;
        }

        return TypedResults.Accepted(GitHubImportJobsApi.StatusUrl(row.Id), row.ToContract());
    }
}
