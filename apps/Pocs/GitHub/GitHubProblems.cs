using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Pocs.GitHub;

/// <summary>The problems of the GitHub import (docs/problems.md), each with its stable type.</summary>
internal static class GitHubProblems
{
    private const string Base = "https://poctracker.dev/problems/";

    public const string RepositoryNotFoundType = Base + "github-repository-not-found";
    public const string UserNotFoundType = Base + "github-user-not-found";
    public const string UnavailableType = Base + "github-unavailable";
    public const string RepositoryRegisteredType = Base + "github-repository-registered";

    public static ProblemHttpResult RepositoryNotFound(string repositoryUrl) =>
        TypedResults.Problem($"GitHub has no public repository {repositoryUrl}.", statusCode: StatusCodes.Status404NotFound,
            title: "No such public GitHub repository.", type: RepositoryNotFoundType);

    public static ProblemHttpResult UserNotFound(string login) =>
        TypedResults.Problem($"GitHub has no user or organisation {login}.", statusCode: StatusCodes.Status404NotFound,
            title: "No such GitHub user.", type: UserNotFoundType);

    /// <summary>503 with <c>Retry-After</c> (whole seconds): nothing was written.</summary>
    public static ProblemHttpResult Unavailable(HttpResponse response, GitHubUnavailableException e)
    {
        var seconds = (long)Math.Ceiling(e.RetryAfter.TotalSeconds);
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            e.RateLimited
                ? $"GitHub's rate limit for this server is used up; retry in {seconds} s."
                : $"GitHub could not be reached or did not answer usefully; retry in {seconds} s.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "GitHub is unavailable.", type: UnavailableType);
    }

    /// <summary>
    /// 409: the tenant already has a POC of this repository. <c>pocId</c> and <c>location</c> name it when the caller may
    /// see it; a colleague's private POC is only said to exist (the way a search would not show it either).
    /// </summary>
    public static ProblemHttpResult RepositoryRegistered(string repositoryUrl, RegisteredRepository existing)
    {
        var extensions = new Dictionary<string, object?>();
        if (existing.VisibleToCaller)
        {
            extensions["pocId"] = existing.PocId;
            extensions["location"] = $"/api/pocs/{existing.PocId}";
        }

        return TypedResults.Problem(
            existing.VisibleToCaller
                ? $"{repositoryUrl} is already registered as POC {existing.PocId}."
                : $"{repositoryUrl} is already registered, as a colleague's private POC.",
            statusCode: StatusCodes.Status409Conflict, title: "This repository is already registered.", type: RepositoryRegisteredType,
            extensions: extensions);
    }
}
