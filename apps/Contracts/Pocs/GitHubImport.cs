namespace PocTracker.Contracts.Pocs;

/// <summary>
/// The fields a POC registered from a GitHub repository would get (<c>GET /api/pocs/github-preview?url=...</c>): nothing is
/// written. <see cref="Language"/> and <see cref="Tags"/> are already normalised the way the catalog stores them.
/// </summary>
/// <param name="Name">The repository's name.</param>
/// <param name="Description">The repository's description, or null.</param>
/// <param name="Language">GitHub's primary language as a catalog key (<c>C#</c> is <c>csharp</c>), or null.</param>
/// <param name="LanguageName">The same language as the product shows it (<c>C#</c>), for a form to fill in; a create takes either spelling.</param>
/// <param name="Tags">The repository's topics, normalised like tags (at most 20).</param>
/// <param name="RepositoryUrl">The canonical <c>https://github.com/{owner}/{repo}</c>.</param>
/// <param name="StartedOn">The day the repository was created (UTC).</param>
public sealed record GitHubRepositoryPreview(
    string Name,
    string? Description,
    string? Language,
    string? LanguageName,
    IReadOnlyList<string> Tags,
    string RepositoryUrl,
    DateOnly? StartedOn);

/// <summary>
/// The body of <c>POST /api/pocs/from-github</c>: the repository, and any field to use instead of GitHub's. A field left
/// null takes GitHub's value (<see cref="GitHubRepositoryPreview"/>); an empty description or an empty tag list is an
/// override too (no description, no tags). The fields follow the rules of <see cref="PocWriteRequest"/>.
/// </summary>
public sealed record PocFromGitHubRequest
{
    /// <summary>Required; only <c>https://github.com/{owner}/{repo}</c>.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary>Instead of the repository's name.</summary>
    public string? Name { get; init; }

    /// <summary>Instead of the repository's description.</summary>
    public string? Description { get; init; }

    /// <summary>Instead of the repository's primary language.</summary>
    public string? Language { get; init; }

    /// <summary>Instead of the repository's topics.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary><c>idea</c> (default), <c>in-progress</c>, <c>done</c> or <c>dropped</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Instead of the repository's creation day.</summary>
    public DateOnly? StartedOn { get; init; }

    /// <summary>Optional day work finished.</summary>
    public DateOnly? FinishedOn { get; init; }

    /// <summary>Markdown, up to 50,000 characters.</summary>
    public string? Notes { get; init; }

    /// <summary><c>tenant</c> (default) or <c>private</c>.</summary>
    public string? Visibility { get; init; }
}

/// <summary>The body of <c>POST /api/pocs/from-github/user</c>: whose public repositories to register.</summary>
public sealed record GitHubUserImportRequest
{
    /// <summary>A GitHub user or organisation login.</summary>
    public string? Login { get; init; }
}

/// <summary>What a GitHub user import did (<c>POST /api/pocs/from-github/user</c>).</summary>
/// <param name="Created">How many POCs were created.</param>
/// <param name="Skipped">How many repositories were left out (forks, already registered in the tenant, refused).</param>
/// <param name="Truncated">True when the user has more repositories than one import looks at (docs/api.md names the cap).</param>
/// <param name="Items">Every repository looked at, in GitHub's order.</param>
public sealed record GitHubUserImportResult(int Created, int Skipped, bool Truncated, IReadOnlyList<GitHubUserImportItem> Items);

/// <summary>One repository of a user import.</summary>
/// <param name="RepositoryUrl">The canonical repository URL.</param>
/// <param name="Outcome"><c>created</c>; skipped: <c>fork</c>, <c>already-registered</c>, or <c>refused</c> (GitHub's fields break a POC rule).</param>
/// <param name="PocId">The created POC, or for <c>already-registered</c> the tenant's existing one when the caller may see it; else null.</param>
public sealed record GitHubUserImportItem(string RepositoryUrl, string Outcome, Guid? PocId);

/// <summary>The outcomes of <see cref="GitHubUserImportItem.Outcome"/>.</summary>
public static class GitHubImportOutcomes
{
    public const string Created = "created";
    public const string Fork = "fork";
    public const string AlreadyRegistered = "already-registered";
    public const string Refused = "refused";
}

/// <summary>
/// A GitHub user import running in the background (<c>GET /api/pocs/from-github/jobs/{id}</c>): a user with more public
/// repositories than GitHub:SynchronousImportLimit is imported as a job, page by page. Only the person who asked sees it.
/// </summary>
/// <param name="Id">The job's id.</param>
/// <param name="Login">Whose repositories.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c> (<see cref="GitHubImportJobStatus"/>).</param>
/// <param name="Total">How many repositories the job expects to look at (the user's public repositories, at most the cap).</param>
/// <param name="LookedAt">How many it has looked at so far.</param>
/// <param name="Created">How many POCs it has created so far (they stay when the job fails later).</param>
/// <param name="Skipped">How many repositories it has left out so far.</param>
/// <param name="Failure">Why it failed, written for the user; null otherwise.</param>
/// <param name="Result">When it ended: what it did, in the synchronous import's shape (on failure, as far as it got); null before.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record GitHubImportJob(
    Guid Id,
    string Login,
    string Status,
    int Total,
    int LookedAt,
    int Created,
    int Skipped,
    string? Failure,
    GitHubUserImportResult? Result,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>The statuses of <see cref="GitHubImportJob.Status"/>.</summary>
public static class GitHubImportJobStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
