using System.Text.RegularExpressions;
using Octokit;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Text;
using PocTracker.Pocs.Catalog;
using PocTracker.Pocs.Editing;

namespace PocTracker.Pocs.GitHub;

/// <summary>
/// A repository as the fields of a new POC, normalised the way the catalog stores them, so what the preview shows is
/// what a create stores; and the request rules shared by the three routes (the URL rules are those of
/// <c>repositoryUrl</c>, <see cref="GitHubRepositoryUrl"/>).
/// </summary>
internal static partial class GitHubPreviews
{
    public static GitHubRepositoryPreview From(Repository repository, string requestedUrl)
    {
        ArgumentNullException.ThrowIfNull(repository);

        // GitHub's own spelling of owner and name (and the new name after a rename, which GitHub redirects to).
        var repositoryUrl = repository.FullName is { } fullName ? GitHubRepositoryUrl.Normalize($"https://github.com/{fullName}") ?? requestedUrl : requestedUrl;
        var language = Catalog.Language.Normalize(repository.Language) is { Key.Length: <= Catalog.Language.MaxLength } known ? known : null;

        // GitHub allows topics of up to 50 characters and 20 of them; a tag is at most 40: longer topics are left out.
        var tags = Tag.NormalizeAll(repository.Topics ?? []).Where(t => t.Length <= Tag.MaxLength).Take(Tag.MaxCount).ToArray();
        var description = string.IsNullOrWhiteSpace(repository.Description) || !InputText.IsAcceptable(repository.Description)
            ? null
            : repository.Description.Trim();
        return new GitHubRepositoryPreview(
            Name: repository.Name,
            Description: description is { Length: <= PocWriteRequestValidator.MaxDescriptionLength } ? description : null,
            Language: language?.Key,
            LanguageName: language?.DisplayName,
            Tags: tags,
            RepositoryUrl: repositoryUrl,
            StartedOn: repository.CreatedAt == default ? null : DateOnly.FromDateTime(repository.CreatedAt.UtcDateTime));
    }

    /// <summary>The write request of a POC from <paramref name="preview"/>, each non-null field of <paramref name="overrides"/> replacing GitHub's.</summary>
    public static PocWriteRequest ToWriteRequest(GitHubRepositoryPreview preview, PocFromGitHubRequest? overrides)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return new PocWriteRequest
        {
            Name = overrides?.Name ?? preview.Name,
            Description = overrides?.Description ?? preview.Description,
            Language = overrides?.Language ?? preview.Language,
            Tags = overrides?.Tags ?? preview.Tags,
            RepositoryUrl = preview.RepositoryUrl,
            Status = overrides?.Status,
            StartedOn = overrides?.StartedOn ?? preview.StartedOn,
            FinishedOn = overrides?.FinishedOn,
            Notes = overrides?.Notes,
            Visibility = overrides?.Visibility,
        };
    }

    /// <summary>The canonical URL with its owner and name, or the field error to report under <paramref name="field"/>.</summary>
    public static (string Url, string Owner, string Name)? ParseUrl(string? text, string field, out Dictionary<string, string[]>? errors)
    {
        errors = null;
        var canonical = string.IsNullOrWhiteSpace(text) || !InputText.IsAcceptable(text) ? null : GitHubRepositoryUrl.Normalize(text);
        if (canonical is null)
        {
            errors = new Dictionary<string, string[]>
            {
                [field] = [string.IsNullOrWhiteSpace(text) ? "A GitHub repository URL is required." : GitHubRepositoryUrl.Rule],
            };
            return null;
        }

        var parts = canonical["https://github.com/".Length..].Split('/');
        return (canonical, parts[0], parts[1]);
    }

    /// <summary>GitHub's rule for a user or organisation login: 1–39 letters, digits or single hyphens inside.</summary>
    public static bool IsLogin(string? text) => text is not null && Login().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$", RegexOptions.CultureInvariant)]
    private static partial Regex Login();
}
