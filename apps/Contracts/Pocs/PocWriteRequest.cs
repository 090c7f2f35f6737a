namespace PocTracker.Contracts.Pocs;

/// <summary>The body of a create (POST) or a full update (PUT) of a POC.</summary>
/// <remarks>Enumerations travel as strings so an unknown value is reported as a field error.</remarks>
public sealed record PocWriteRequest
{
    /// <summary>Required, 1–200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>Optional, up to 10,000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Optional; "c#", "C#" and "csharp" are the same language.</summary>
    public string? Language { get; init; }

    /// <summary>0–20 tags of 1–40 characters; stored in lower-case kebab-case.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Optional; only <c>https://github.com/{owner}/{repo}</c>.</summary>
    public string? RepositoryUrl { get; init; }

    /// <summary><c>idea</c> (default), <c>in-progress</c>, <c>done</c> or <c>dropped</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Optional day work started (ISO 8601 date).</summary>
    public DateOnly? StartedOn { get; init; }

    /// <summary>Optional day work finished; not before <see cref="StartedOn"/>.</summary>
    public DateOnly? FinishedOn { get; init; }

    /// <summary>Markdown, up to 50,000 characters.</summary>
    public string? Notes { get; init; }

    /// <summary><c>tenant</c> (default) or <c>private</c>.</summary>
    public string? Visibility { get; init; }
}
