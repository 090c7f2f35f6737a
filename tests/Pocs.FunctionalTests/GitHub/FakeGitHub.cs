using System.Globalization;
using System.Text.Json;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PocTracker.Pocs.FunctionalTests.GitHub;

/// <summary>
/// WireMock standing in for GitHub's REST API, answering in the shapes of GitHub's REST docs ("Get a repository",
/// "List repositories for a user", the 404 and rate-limit answers). Each test names its own owners and repositories
/// (<see cref="NewOwner"/>), so tests of a class, shuffled and in parallel, never answer each other's requests.
/// </summary>
internal static class FakeGitHub
{
    public static string NewOwner() => "octo-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A repository as "Get a repository" and "List repositories for a user" return it (the fields the import reads, and some it does not).</summary>
    public static Dictionary<string, object?> Repository(
        string owner, string name, string? description = "A proof of concept", string? language = "C#", string[]? topics = null,
        bool fork = false, bool isPrivate = false, string createdAt = "2024-03-15T22:10:05Z") => new()
    {
        ["id"] = Random.Shared.NextInt64(1, 1_000_000_000),
        ["node_id"] = "R_kgDOexample",
        ["name"] = name,
        ["full_name"] = $"{owner}/{name}",
        ["private"] = isPrivate,
        ["owner"] = new Dictionary<string, object?> { ["login"] = owner, ["id"] = 583231, ["type"] = "User", ["html_url"] = $"https://github.com/{owner}" },
        ["html_url"] = $"https://github.com/{owner}/{name}",
        ["description"] = description,
        ["fork"] = fork,
        ["url"] = $"https://api.github.com/repos/{owner}/{name}",
        ["homepage"] = null,
        ["language"] = language,
        ["forks_count"] = 0,
        ["stargazers_count"] = 3,
        ["watchers_count"] = 3,
        ["size"] = 108,
        ["default_branch"] = "main",
        ["open_issues_count"] = 0,
        ["is_template"] = false,
        ["topics"] = topics ?? [],
        ["has_issues"] = true,
        ["archived"] = false,
        ["disabled"] = false,
        ["visibility"] = isPrivate ? "private" : "public",
        ["pushed_at"] = "2024-06-01T10:00:00Z",
        ["created_at"] = createdAt,
        ["updated_at"] = "2024-06-01T10:00:00Z",
    };

    public static void GivenRepository(this WireMockServer gitHub, Dictionary<string, object?> repository, string? etag = null)
    {
        var response = Json(200, repository);
        if (etag is not null)
        {
            response = response.WithHeader("ETag", etag);
        }

        gitHub.Given(Get($"/repos/{repository["full_name"]}")).AtPriority(10).RespondWith(response);
    }

    /// <summary>"Get a user": the account, with <c>public_repos</c>, which decides whether an import runs as a job.</summary>
    public static void GivenUser(this WireMockServer gitHub, string login, int publicRepositories) =>
        gitHub.Given(Get($"/users/{login}")).AtPriority(10).RespondWith(Json(200, new Dictionary<string, object?>
        {
            ["login"] = login,
            ["id"] = Random.Shared.NextInt64(1, 1_000_000_000),
            ["node_id"] = "MDQ6VXNlcjE=",
            ["html_url"] = $"https://github.com/{login}",
            ["url"] = $"https://api.github.com/users/{login}",
            ["repos_url"] = $"https://api.github.com/users/{login}/repos",
            ["type"] = "User",
            ["site_admin"] = false,
            ["name"] = "The Octocat",
            ["public_repos"] = publicRepositories,
            ["public_gists"] = 1,
            ["followers"] = 20,
            ["following"] = 0,
            ["created_at"] = "2008-01-14T04:33:35Z",
            ["updated_at"] = "2008-01-14T04:33:35Z",
        }));

    /// <summary>Page <paramref name="page"/> of "List repositories for a user" answers GitHub's primary rate limit (the other pages are untouched).</summary>
    public static void GivenUserRepositoriesPageRateLimited(this WireMockServer gitHub, string login, int page, DateTimeOffset reset) =>
        gitHub.Given(Get($"/users/{login}/repos").WithParam("page", page.ToString(CultureInfo.InvariantCulture))).AtPriority(10)
            .RespondWith(Json(403, new
            {
                message = "API rate limit exceeded for 203.0.113.7.",
                documentation_url = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
            })
            .WithHeader("x-ratelimit-limit", "60")
            .WithHeader("x-ratelimit-remaining", "0")
            .WithHeader("x-ratelimit-reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

    /// <summary>Answers a conditional request carrying <paramref name="etag"/> with 304 and no body, as GitHub does.</summary>
    public static void GivenNotModified(this WireMockServer gitHub, string path, string etag) =>
        gitHub.Given(Get(path).WithHeader("If-None-Match", etag, MatchBehaviour.AcceptOnMatch)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", etag).WithHeader("x-ratelimit-remaining", "59"));

    public static void GivenNotFound(this WireMockServer gitHub, string path) =>
        gitHub.Given(Get(path)).AtPriority(10).RespondWith(Json(404, new
        {
            message = "Not Found",
            documentation_url = "https://docs.github.com/rest/repos/repos#get-a-repository",
            status = "404",
        }));

    /// <summary>A 200 whose body is a web page, not GitHub's JSON.</summary>
    public static void GivenPage(this WireMockServer gitHub, string path, string html) =>
        gitHub.Given(Get(path)).AtPriority(10).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html; charset=utf-8").WithBody(html));

    /// <summary>GitHub's primary rate limit: 403, x-ratelimit-remaining 0, the window's end in x-ratelimit-reset (epoch seconds).</summary>
    public static void GivenRateLimited(this WireMockServer gitHub, string path, DateTimeOffset reset) =>
        gitHub.Given(Get(path)).AtPriority(10).RespondWith(Json(403, new
            {
                message = "API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
                documentation_url = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
            })
            .WithHeader("x-ratelimit-limit", "60")
            .WithHeader("x-ratelimit-remaining", "0")
            .WithHeader("x-ratelimit-used", "60")
            .WithHeader("x-ratelimit-resource", "core")
            .WithHeader("x-ratelimit-reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

    /// <summary>GitHub's secondary rate limit: 429 with Retry-After (seconds).</summary>
    public static void GivenSecondaryRateLimited(this WireMockServer gitHub, string path, int retryAfterSeconds) =>
        gitHub.Given(Get(path)).AtPriority(10).RespondWith(Json(429, new
            {
                message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                documentation_url = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            })
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// "List repositories for a user": page <paramref name="page"/> of <paramref name="lastPage"/>, with GitHub's Link
    /// header (rel="next" and rel="last" while there are more).
    /// </summary>
    public static void GivenUserRepositoriesPage(this WireMockServer gitHub, string login, int page, int lastPage, IEnumerable<Dictionary<string, object?>> repositories)
    {
        var response = Json(200, repositories.ToArray());
        if (page < lastPage)
        {
            var link = $"<{gitHub.Url}/users/{login}/repos?per_page=100&page={page + 1}>; rel=\"next\", <{gitHub.Url}/users/{login}/repos?per_page=100&page={lastPage}>; rel=\"last\"";
            response = response.WithHeader("Link", link);
        }

        gitHub.Given(Get($"/users/{login}/repos").WithParam("page", page.ToString(CultureInfo.InvariantCulture)).WithParam("per_page", "100"))
            .AtPriority(10).RespondWith(response);
    }

    /// <summary>The requests GitHub received for <paramref name="path"/>, oldest first.</summary>
    public static WireMock.Logging.ILogEntry[] RequestsTo(this WireMockServer gitHub, string path) =>
        [.. gitHub.LogEntries.Where(e => string.Equals(e.RequestMessage.Path, path, StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.RequestMessage.DateTime)];

    private static IRequestBuilder Get(string path) => Request.Create().WithPath(new WildcardMatcher(path, ignoreCase: true)).UsingGet();

    private static IResponseBuilder Json(int status, object body) => Response.Create()
        .WithStatusCode(status)
        .WithHeader("Content-Type", "application/json; charset=utf-8")
        .WithHeader("x-github-api-version-selected", "2022-11-28")
        .WithBody(JsonSerializer.Serialize(body));
}
