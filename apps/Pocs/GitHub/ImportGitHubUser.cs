using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.Pocs.Editing;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.GitHub;

internal static class ImportGitHubUser
{
    public static void MapImportGitHubUser(this IEndpointRouteBuilder api) => api
        .MapPost("/from-github/user", HandleAsync)
        .WithName("ImportPocsFromGitHubUser")
        .WithSummary("Register a GitHub user's public repositories as POCs")
        .WithDescription("Creates a POC owned by the caller for each public repository of `login` that is not a fork and not yet registered " +
                         "in the tenant, looking at up to GitHub:MaxUserRepositories (500) repositories. Up to GitHub:SynchronousImportLimit (100) " +
                         "public repositories it answers 200 with what it did per repository, GitHub read completely before anything is " +
                         "written (a 404 or 503 writes nothing). Above it, 202 with the job (Location: /api/pocs/from-github/jobs/{id}), " +
                         "which imports page by page, each page in its own transaction.");

    private static async Task<Results<Ok<GitHubUserImportResult>, Accepted<GitHubImportJob>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        GitHubUserImportRequest request,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        GitHubRepositories gitHub,
        GitHubImportJobStarter starter,
        IOptions<GitHubOptions> options,
        PocsMetrics metrics,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!GitHubPreviews.IsLogin(request.Login))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["login"] = ["A GitHub login is required: 1–39 letters, digits or single hyphens inside."],
            });
        }

        var login = request.Login!;
        var settings = options.Value;
        UserRepositories found;
        try
        {
            // Many repositories: imported in the background, page by page (GitHubImportWorkflow).
            var publicRepositories = await gitHub.CountPublicRepositoriesAsync(login, cancellationToken);
            if (publicRepositories > settings.SynchronousImportLimit)
            {
                return await starter.StartAsync(user, login, Math.Min(publicRepositories, settings.MaxUserRepositories), cancellationToken);
            }

            found = await gitHub.ListForUserAsync(login, settings.MaxUserRepositories, cancellationToken);
        }
        catch (GitHubNotFoundException)
        {
            return GitHubProblems.UserNotFound(login);
        }
        catch (GitHubUnavailableException e)
        {
            return GitHubProblems.Unavailable(response, e);
        }

        var now = time.GetUtcNow();
        var items = await database.InTenantTransactionAsync(user, async tx =>
        {
            await RegisteredRepositories.LockTenantAsync(tx);
            return await WriteAsync(tx, login, found.Repositories, now);
        }, cancellationToken);

        var created = items.Count(i => i.Outcome == GitHubImportOutcomes.Created);
        metrics.Written("import-github", created);

        return TypedResults.Ok(new GitHubUserImportResult(created, items.Count - created, found.Truncated, items));
    }

    /// <summary>
    /// Creates a POC owned by the transaction's user for each of <paramref name="repositories"/> that is not a fork and not
    /// yet registered in the tenant; the caller holds the tenant's GitHub-registration lock. Returns what it did per
    /// repository, in their order. Shared by the synchronous import and each page of a job.
    /// </summary>
    public static async Task<IReadOnlyList<GitHubUserImportItem>> WriteAsync(
        TenantTransaction tx, string login, IReadOnlyList<Octokit.Repository> repositories, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(repositories);
        var candidates = repositories
            .Select(r => (r.Fork, Preview: GitHubPreviews.From(r, $"https://github.com/{login}/{r.Name}")))
            .ToArray();
        var registered = await RegisteredRepositories.FindAsync(tx, candidates.Select(c => c.Preview.RepositoryUrl));
        var items = new List<GitHubUserImportItem>(candidates.Length);
        var createdNow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (fork, preview) in candidates)
        {
            var key = RegisteredRepositories.KeyOf(preview.RepositoryUrl);
            if (fork)
            {
                items.Add(new GitHubUserImportItem(preview.RepositoryUrl, GitHubImportOutcomes.Fork, null));
            }
            else if (registered.GetValueOrDefault(key) is { } existing)
            {
                items.Add(new GitHubUserImportItem(preview.RepositoryUrl, GitHubImportOutcomes.AlreadyRegistered, existing.VisibleToCaller ? existing.PocId : null));
            }
            else if (createdNow.Add(key))
            {
                var poc = GitHubPreviews.ToWriteRequest(preview, overrides: null);
                var refused = !new PocWriteRequestValidator().Validate(poc).IsValid;
                items.Add(refused
                    ? new GitHubUserImportItem(preview.RepositoryUrl, GitHubImportOutcomes.Refused, null)
                    : new GitHubUserImportItem(preview.RepositoryUrl, GitHubImportOutcomes.Created, (await NewPocs.InsertAsync(tx, tx.User, PocFields.From(poc), now)).Id));
            }
        }

        return items;
    }
}
