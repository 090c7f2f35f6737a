namespace PocTracker.Pocs.GitHub;

/// <summary>
/// Where GitHub's REST API is (section <c>GitHub</c>, docs/architecture.md): the public API by default, a GitHub
/// Enterprise Server by changing <see cref="ApiBaseUrl"/>. <see cref="Token"/> comes from the secret store under a
/// sidecar (secret <c>GitHub:Token</c>, or <c>GitHub/Token</c> in SSM), from the environment otherwise
/// (<c>GitHub__Token</c>); without one GitHub allows 60 requests an hour per address, with one 5,000.
/// </summary>
internal sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public Uri ApiBaseUrl { get; set; } = new("https://api.github.com/");

    /// <summary>A token that only reads public repositories (a fine-grained token with no permissions is enough). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>How long one call to GitHub may take before the request answers 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many repositories one user import looks at (GitHub pages of 100).</summary>
    public int MaxUserRepositories { get; set; } = 500;

    /// <summary>
    /// Up to how many public repositories (GitHub's <c>public_repos</c>) a user import answers at once; above it the import
    /// runs as a job (202 with its URL). The cap <see cref="MaxUserRepositories"/> holds either way.
    /// </summary>
    public int SynchronousImportLimit { get; set; } = 100;

    /// <summary>How many characters of GitHub's answers the ETag cache keeps (about 2 bytes each), per replica.</summary>
    public long CacheSizeLimit { get; set; } = 16_000_000;
}
