using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.GitHub;

/// <summary>A GitHub user import job as the person who started it sees it; anyone else's (colleague or other tenant) is a 404.</summary>
internal static class GitHubImportJobsApi
{
    public static string StatusUrl(Guid id) => $"/api/pocs/from-github/jobs/{id}";

    public static void MapGitHubImportJobs(this IEndpointRouteBuilder api) => api
        .MapGet("/from-github/jobs/{id:guid}", GetAsync)
        .WithName("GetGitHubImportJob")
        .WithSummary("A GitHub user import job: status, progress and, once it ended, its result");

    private static async Task<Results<Ok<GitHubImportJob>, ProblemHttpResult>> GetAsync(
        Guid id, TenantUser user, GitHubImportJobStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user, id, cancellationToken) is { } row
            ? TypedResults.Ok(row.ToContract())
            : Problems.NotFound("No such GitHub import job of yours.");
}
