using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace PocTracker.Pocs.GitHub;

/// <summary>
/// What the import reads from GitHub's REST API, through Octokit: one repository, and a user's repositories page by
/// page. Every failure becomes one of two exceptions, so no GitHub answer turns into a 500:
/// <see cref="GitHubNotFoundException"/> (unknown, private, or withheld) and <see cref="GitHubUnavailableException"/>
/// (unreachable, too slow, 5xx, rate-limited, or refusing our token), which says when to retry.
/// </summary>
internal sealed partial class GitHubRepositories : IDisposable
{
    private const int PageSize = 100;

    // Without a reset time or Retry-After (a 5xx, no answer at all) the client is asked to come back in a minute.
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    private readonly HttpClientAdapter http;
    private readonly GitHubClient client;
    private readonly TimeProvider time;
    private readonly PocsMetrics metrics;
    private readonly ILogger<GitHubRepositories> logger;

    public GitHubRepositories(IOptions<GitHubOptions> settings, GitHubResponseCache cache, TimeProvider time, PocsMetrics metrics, ILogger<GitHubRepositories> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Value;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;

        // Relative endpoints resolve under the base address only when it ends with '/' (GitHub Enterprise: .../api/v3/).
        var baseAddress = options.ApiBaseUrl.AbsoluteUri.EndsWith('/') ? options.ApiBaseUrl : new Uri(options.ApiBaseUrl.AbsoluteUri + "/");
        var credentials = string.IsNullOrEmpty(options.Token) ? Credentials.Anonymous : new Credentials(options.Token, AuthenticationType.Bearer);
        http = new HttpClientAdapter(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var connection = new Connection(new ProductHeaderValue("PocTracker"), baseAddress, new InMemoryCredentialStore(credentials), http, new SimpleJsonSerializer())
        {
            ResponseCache = cache,
        };
        connection.SetRequestTimeout(options.Timeout);
        client = new GitHubClient(connection);
    }

    /// <summary>A public repository.</summary>
    /// <exception cref="GitHubNotFoundException">No such repository, or a private one.</exception>
    /// <exception cref="GitHubUnavailableException">GitHub did not answer usefully.</exception>
    public async Task<Repository> GetAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var repository = await CallAsync("repository", () => client.Connection.Get<Repository>(
            new Uri($"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}", UriKind.Relative), null, null, cancellationToken), cancellationToken);

        // With a token that can read it, GitHub answers a private repository too: the product registers public ones only.
        return repository.Body.Private ? throw new GitHubNotFoundException() : repository.Body;
    }

    /// <summary>How many public repositories a user (or organisation) has, as GitHub's "Get a user" says (<c>public_repos</c>).</summary>
    /// <exception cref="GitHubNotFoundException">No such user.</exception>
    /// <exception cref="GitHubUnavailableException">GitHub did not answer usefully.</exception>
    public async Task<int> CountPublicRepositoriesAsync(string login, CancellationToken cancellationToken)
    {
        var user = await CallAsync("user", () => client.Connection.Get<User>(
            new Uri($"users/{Uri.EscapeDataString(login)}", UriKind.Relative), null, null, cancellationToken), cancellationToken);
        return user.Body.PublicRepos;
    }

    /// <summary>
    /// A user's (or organisation's) public repositories in GitHub's order, paged by 100, at most <paramref name="cap"/>;
    /// <see cref="UserRepositories.Truncated"/> says whether GitHub has more.
    /// </summary>
    /// <exception cref="GitHubNotFoundException">No such user.</exception>
    /// <exception cref="GitHubUnavailableException">GitHub did not answer usefully (nothing is returned then, not part of the list).</exception>
    public async Task<UserRepositories> ListForUserAsync(string login, int cap, CancellationToken cancellationToken)
    {
        var repositories = new List<Repository>();
        for (var page = 1; ; page++)
        {
            var found = await ListPageForUserAsync(login, page, cap - repositories.Count, cancellationToken);
            repositories.AddRange(found.Repositories);
            if (found.Truncated || !found.HasNext)
            {
                return new UserRepositories(repositories, found.Truncated);
            }
        }
    }

    /// <summary>
    /// Page <paramref name="page"/> (of 100) of a user's public repositories, at most <paramref name="room"/> of them:
    /// <see cref="UserRepositoriesPage.Truncated"/> when GitHub has more than that room, <see cref="UserRepositoriesPage.HasNext"/>
    /// when another page should be read.
    /// </summary>
    /// <exception cref="GitHubNotFoundException">No such user.</exception>
    /// <exception cref="GitHubUnavailableException">GitHub did not answer usefully.</exception>
    public async Task<UserRepositoriesPage> ListPageForUserAsync(string login, int page, int room, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>
        {
            ["per_page"] = PageSize.ToString(CultureInfo.InvariantCulture),
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
        };
        var answer = await CallAsync("user-repositories", () => client.Connection.Get<List<Repository>>(
            new Uri($"users/{Uri.EscapeDataString(login)}/repos", UriKind.Relative), parameters, null, cancellationToken), cancellationToken);
        var items = answer.Body;
        var publicItems = items.Where(r => !r.Private).ToArray();
        var taken = publicItems.Take(Math.Max(0, room)).ToArray();
        var hasNext = answer.HttpResponse.ApiInfo?.GetNextPageUrl() is not null && items.Count > 0;
        var truncated = publicItems.Length > taken.Length || (taken.Length >= room && hasNext);
        return new UserRepositoriesPage(taken, Truncated: truncated, HasNext: hasNext && !truncated);
    }

    public void Dispose() => http.Dispose();

    private async Task<IApiResponse<T>> CallAsync<T>(string call, Func<Task<IApiResponse<T>>> send, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await send();

            // A success without a body Octokit can read (not JSON, empty: a proxy's page, say) is GitHub not answering
            // usefully, not "no such repository" and not an empty list.
            if (answer.Body is null)
            {
                metrics.GitHubCalled(call, "failed");
                LogUnusable(logger, call, (int)answer.HttpResponse.StatusCode, HeaderOf(answer.HttpResponse, "Content-Type") ?? "none");
                throw new GitHubUnavailableException(DefaultRetryAfter, rateLimited: false, new InvalidDataException($"GitHub answered the {call} call without a body."));
            }

            metrics.GitHubCalled(call, "ok");
            return answer;
        }
        catch (NotFoundException)
        {
            metrics.GitHubCalled(call, "not-found");
            throw new GitHubNotFoundException();
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.UnavailableForLegalReasons)
        {
            metrics.GitHubCalled(call, "not-found");
            throw new GitHubNotFoundException();
        }
        catch (ApiException e)
        {
            var rateLimited = IsRateLimited(e);
            metrics.GitHubCalled(call, rateLimited ? "rate-limited" : "failed");
            var retryAfter = RetryAfterOf(e.HttpResponse) ?? DefaultRetryAfter;
            if (rateLimited)
            {
                LogRateLimited(logger, call, (int)retryAfter.TotalSeconds);
            }
            else
            {
                // A 401 means the configured token is wrong or expired: an operator's matter, not the caller's.
                LogRefused(logger, call, (int)e.StatusCode);
            }

            throw new GitHubUnavailableException(retryAfter, rateLimited, e);
        }
        catch (HttpRequestException e)
        {
            metrics.GitHubCalled(call, "unreachable");
            LogUnreachable(logger, call, e.Message);
            throw new GitHubUnavailableException(DefaultRetryAfter, rateLimited: false, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.GitHubCalled(call, "timeout");
            LogUnreachable(logger, call, "no answer in time (GitHub:Timeout)");
            throw new GitHubUnavailableException(DefaultRetryAfter, rateLimited: false, e);
        }
    }

    // GitHub's primary limit: 403 or 429 with x-ratelimit-remaining: 0; its secondary limits: 403 or 429 with Retry-After
    // (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
    private static bool IsRateLimited(ApiException e) =>
        e is RateLimitExceededException or SecondaryRateLimitExceededException
        || (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests
            && (HeaderOf(e.HttpResponse, "x-ratelimit-remaining") == "0" || HeaderOf(e.HttpResponse, "Retry-After") is not null));

    /// <summary>GitHub's Retry-After (seconds), else the wait until x-ratelimit-reset (epoch seconds); at least a second.</summary>
    private TimeSpan? RetryAfterOf(IResponse? response)
    {
        if (long.TryParse(HeaderOf(response, "Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(1, seconds));
        }

        if (long.TryParse(HeaderOf(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
            return wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds)) : TimeSpan.FromSeconds(1);
        }

        return null;
    }

    // Octokit keeps the headers as the server spelled them.
    private static string? HeaderOf(IResponse? response, string name) =>
        response?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub rate-limited the {Call} call; callers are told to retry in {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string call, int seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub refused the {Call} call with status {Status}")]
    private static partial void LogRefused(ILogger logger, string call, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub answered the {Call} call with status {Status} but no usable body (content type {ContentType})")]
    private static partial void LogUnusable(ILogger logger, string call, int status, string contentType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub could not be reached for the {Call} call: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string call, string reason);
}

/// <summary>A user's public repositories as far as one import looks, and whether there are more.</summary>
internal sealed record UserRepositories(IReadOnlyList<Repository> Repositories, bool Truncated);

/// <summary>One page of a user's public repositories (within the import's room), whether GitHub has more than that room, and whether to read on.</summary>
internal sealed record UserRepositoriesPage(IReadOnlyList<Repository> Repositories, bool Truncated, bool HasNext);

/// <summary>GitHub has no such public repository or user (or withholds it).</summary>
internal sealed class GitHubNotFoundException() : Exception("GitHub has no such public repository or user.");

/// <summary>GitHub could not answer usefully now; <see cref="RetryAfter"/> says when it may.</summary>
internal sealed class GitHubUnavailableException(TimeSpan retryAfter, bool rateLimited, Exception innerException)
    : Exception(rateLimited ? "GitHub's rate limit is exhausted." : "GitHub could not be reached.", innerException)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public bool RateLimited { get; } = rateLimited;
}
