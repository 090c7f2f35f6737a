using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Pocs.GitHub;

internal static class PreviewFromGitHub
{
    public static void MapPreviewFromGitHub(this IEndpointRouteBuilder api) => api
        .MapGet("/github-preview", HandleAsync)
        .WithName("PreviewPocFromGitHub")
        .WithSummary("The fields a POC registered from a GitHub repository would get")
        .WithDescription("Reads the public repository at `url` from GitHub (name, description, language, topics, creation day) and answers them " +
                         "normalised as a new POC would store them. Writes nothing. 404 for an unknown or private repository; 503 with " +
                         "Retry-After when GitHub is unreachable or rate-limited.");

    private static async Task<Results<Ok<GitHubRepositoryPreview>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? url,
        GitHubRepositories gitHub,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (GitHubPreviews.ParseUrl(url, "url", out var errors) is not { } repository)
        {
            return Problems.Validation(errors!);
        }

        try
        {
            var found = await gitHub.GetAsync(repository.Owner, repository.Name, cancellationToken);
            return TypedResults.Ok(GitHubPreviews.From(found, repository.Url));
        }
        catch (GitHubNotFoundException)
        {
            return GitHubProblems.RepositoryNotFound(repository.Url);
        }
        catch (GitHubUnavailableException e)
        {
            return GitHubProblems.Unavailable(response, e);
        }
    }
}
