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
                         "in the tenant, looking at up to GitHub:MaxUserRepositories (500) repositories. Answers 200 with what it did per " +
                         "repository. GitHub is read completely before anything is written: a 404 (unknown user) or 503 writes nothing.");

    private static async Task<Results<Ok<GitHubUserImportResult>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        GitHubUserImportRequest request,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        GitHubRepositories gitHub,
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
        UserRepositories found;
        try
        {
            found = await gitHub.ListForUserAsync(login, options.Value.MaxUserRepositories, cancellationToken);
        }
        catch (GitHubNotFoundException)
        {
            return GitHubProblems.UserNotFound(login);
        }
        catch (GitHubUnavailableException e)
        {
            return GitHubProblems.Unavailable(response, e);
        }

        var candidates = found.Repositories
            .Select(r => (r.Fork, Preview: GitHubPreviews.From(r, $"https://github.com/{login}/{r.Name}")))
            .ToArray();
        var now = time.GetUtcNow();
        var items = await database.InTenantTransactionAsync(user, async tx =>
        {
            await RegisteredRepositories.LockTenantAsync(tx);
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
                        : new GitHubUserImportItem(preview.RepositoryUrl, GitHubImportOutcomes.Created, (await NewPocs.InsertAsync(tx, user, PocFields.From(poc), now)).Id));
                }
            }

            return items;
        }, cancellationToken);

        var created = items.Count(i => i.Outcome == GitHubImportOutcomes.Created);
        metrics.Written("import-github", created);

        return TypedResults.Ok(new GitHubUserImportResult(created, items.Count - created, found.Truncated, items));
    }
}
