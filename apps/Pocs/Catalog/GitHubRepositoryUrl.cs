using System.Text.RegularExpressions;

namespace PocTracker.Pocs.Catalog;

/// <summary>
/// Repository links are GitHub only: <c>https://github.com/{owner}/{repo}</c>. A trailing slash or
/// <c>.git</c> is tolerated and removed; anything else (another host, http, extra path, a query)
/// is refused, because later features (import, the video) read the repository through GitHub.
/// </summary>
internal static partial class GitHubRepositoryUrl
{
    public const string Rule = "Only GitHub repository URLs are accepted: https://github.com/{owner}/{repo}.";

    /// <summary>The canonical URL, or null when <paramref name="text"/> is not a GitHub repository URL.</summary>
    public static string? Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var repository = match.Groups["repo"].Value;
        if (repository.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            repository = repository[..^4];
        }

        return repository is "" or "." or ".." ? null : $"https://github.com/{match.Groups["owner"].Value}/{repository}";
    }

    // Owner: GitHub's user/organisation rule (1–39 alphanumerics or single hyphens inside).
    // Repository: letters, digits, '.', '_' and '-', up to 100.
    [GeneratedRegex(@"^https://(?:www\.)?github\.com/(?<owner>[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})/(?<repo>[A-Za-z0-9._-]{1,100})/?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
