using System.Net;
using PocTracker.Mobile.Core.Failures;

namespace PocTracker.Mobile.Core.PocEdit;

/// <summary>Where "from GitHub" stands on the new-POC form.</summary>
public enum GitHubFillStatus
{
    /// <summary>Asking the server for the repository (<c>GET /api/pocs/github-preview</c>).</summary>
    Reading,

    /// <summary>Read: the form's empty fields took its values (<see cref="GitHubFill.Filled"/>), what was typed stayed (<see cref="GitHubFill.Kept"/>).</summary>
    Filled,

    /// <summary>404: no such repository, or a private one.</summary>
    NotFound,

    /// <summary>503: GitHub unreachable or rate-limited; <see cref="GitHubFill.RetryInSeconds"/> when the server said.</summary>
    Unavailable,

    /// <summary>No answer: the preview needs the network (nothing is queued).</summary>
    Offline,

    /// <summary>Another refusal: the address's own errors (<see cref="GitHubFill.UrlErrors"/>, the server's words) or its title.</summary>
    Refused,

    /// <summary>Anything else (a bug): a general message.</summary>
    Failed,
}

/// <summary>
/// The outcome of the last "fill from GitHub" (docs/mobile.md, "POC form"): the form's fields are filled only where the
/// person left them empty (<see cref="PocForm.FillEmptyFrom"/>), so nothing typed is lost and there is nothing to undo.
/// <see cref="MessageKey"/> is the <see cref="PocEditText"/> key the view shows, with <see cref="Filled"/>,
/// <see cref="Kept"/> (field wire names, which the view names with the <c>Field…</c> texts) or <see cref="RetryInSeconds"/>.
/// </summary>
public sealed record GitHubFill(
    GitHubFillStatus Status,
    IReadOnlyList<string>? Filled = null,
    IReadOnlyList<string>? Kept = null,
    int? RetryInSeconds = null,
    IReadOnlyList<string>? UrlErrors = null,
    string? ProblemTitle = null)
{
    public static GitHubFill Reading { get; } = new(GitHubFillStatus.Reading);

    /// <summary>The text key for <see cref="Status"/>; null for a refusal, shown in the server's own words.</summary>
    public string? MessageKey => Status switch
    {
        GitHubFillStatus.Reading => PocEditText.GitHubReading,
        GitHubFillStatus.Filled when Filled is { Count: > 0 } => PocEditText.GitHubFilled,
        GitHubFillStatus.Filled => PocEditText.GitHubNothingToFill,
        GitHubFillStatus.NotFound => PocEditText.GitHubNotFound,
        GitHubFillStatus.Unavailable when RetryInSeconds is not null => PocEditText.GitHubUnavailableFor,
        GitHubFillStatus.Unavailable => PocEditText.GitHubUnavailable,
        GitHubFillStatus.Offline => PocEditText.GitHubOffline,
        GitHubFillStatus.Refused => null,
        _ => PocEditText.GitHubFailed,
    };

    /// <summary>What a failed preview means for the person (the classification of <see cref="Failures.Failure.Of"/>).</summary>
    public static GitHubFill Of(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure switch
        {
            { Kind: FailureKind.Offline } => new(GitHubFillStatus.Offline),
            { Kind: FailureKind.Refused, Status: HttpStatusCode.NotFound } => new(GitHubFillStatus.NotFound),
            { Kind: FailureKind.Refused, Status: HttpStatusCode.ServiceUnavailable } => new(GitHubFillStatus.Unavailable,
                RetryInSeconds: failure.RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null),
            { Kind: FailureKind.Refused } => new(GitHubFillStatus.Refused,
                UrlErrors: failure.FieldErrors.FirstOrDefault(e => string.Equals(e.Key, "url", StringComparison.OrdinalIgnoreCase)).Value ?? [],
                ProblemTitle: failure.Problem?.Title ?? failure.Detail),
            _ => new(GitHubFillStatus.Failed),
        };
    }
}
