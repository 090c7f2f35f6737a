using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.Pocs.Editing;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.GitHub;

internal static class CreateFromGitHub
{
    public static void MapCreateFromGitHub(this IEndpointRouteBuilder api) => api
        .MapPost("/from-github", HandleAsync)
        .WithName("CreatePocFromGitHub")
        .WithSummary("Register a POC from its GitHub repository")
        .WithDescription("Creates a POC owned by the caller from the public repository `repositoryUrl`; each other non-null field replaces " +
                         "GitHub's. Answers 201 like POST /api/pocs. 409 when the tenant already registered the repository (the problem " +
                         "names the POC); 404 for an unknown or private repository; 503 with Retry-After when GitHub is unavailable.");

    private static async Task<Results<Created<PocDto>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        PocFromGitHubRequest request,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        GitHubRepositories gitHub,
        PocsMetrics metrics,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (GitHubPreviews.ParseUrl(request.RepositoryUrl, "repositoryUrl", out var errors) is not { } repository)
        {
            return Problems.Validation(errors!);
        }

        GitHubRepositoryPreview preview;
        try
        {
            preview = GitHubPreviews.From(await gitHub.GetAsync(repository.Owner, repository.Name, cancellationToken), repository.Url);
        }
        catch (GitHubNotFoundException)
        {
            return GitHubProblems.RepositoryNotFound(repository.Url);
        }
        catch (GitHubUnavailableException e)
        {
            return GitHubProblems.Unavailable(response, e);
        }

        // The same rules and the same insert as POST /api/pocs, over GitHub's fields with the caller's overrides.
        var poc = GitHubPreviews.ToWriteRequest(preview, request);
        var validation = await new PocWriteRequestValidator().ValidateAsync(poc, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.Validation(validation);
        }

        var fields = PocFields.From(poc);
        var now = time.GetUtcNow();
        var outcome = await database.InTenantTransactionAsync(user, async tx =>
        {
            await RegisteredRepositories.LockTenantAsync(tx);

            // The URL asked for and GitHub's (after a rename they differ): either one registered is this repository.
            var registered = await RegisteredRepositories.FindAsync(tx, [repository.Url, preview.RepositoryUrl]);
            if ((registered.GetValueOrDefault(RegisteredRepositories.KeyOf(preview.RepositoryUrl))
                ?? registered.GetValueOrDefault(RegisteredRepositories.KeyOf(repository.Url))) is { } existing)
            {
                return (Created: (PocDto?)null, Existing: existing);
            }

            return (Created: (await NewPocs.InsertAsync(tx, user, fields, now)).ToDto(), Existing: (RegisteredRepository?)null);
        }, cancellationToken);

        if (outcome.Created is not { } created)
        {
            return GitHubProblems.RepositoryRegistered(preview.RepositoryUrl, outcome.Existing!);
        }

        metrics.Written("create-from-github");
        response.Headers.ETag = PocETag.Of(created.Version);
        return TypedResults.Created($"/api/pocs/{created.Id}", created);
    }
}
