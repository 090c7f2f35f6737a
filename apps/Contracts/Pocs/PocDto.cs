namespace PocTracker.Contracts.Pocs;

/// <summary>A proof of concept as the API returns it.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Name, 1–200 characters.</param>
/// <param name="Description">Free text, up to 10,000 characters.</param>
/// <param name="Language">Normalised language key (for example <c>csharp</c>), or null.</param>
/// <param name="LanguageDisplayName">Human name of the language (for example <c>C#</c>).</param>
/// <param name="Tags">Lower-case kebab-case tags.</param>
/// <param name="RepositoryUrl">The GitHub repository, <c>https://github.com/{owner}/{repo}</c>, or null.</param>
/// <param name="Status"><c>idea</c>, <c>in-progress</c>, <c>done</c> or <c>dropped</c>.</param>
/// <param name="StartedOn">Day work started.</param>
/// <param name="FinishedOn">Day work finished.</param>
/// <param name="Notes">Markdown notes.</param>
/// <param name="Visibility"><c>private</c> (owner and admins) or <c>tenant</c> (everyone in the tenant).</param>
/// <param name="OwnerId">The user who owns it.</param>
/// <param name="Version">Concurrency version; the ETag is <c>"{Version}"</c>.</param>
/// <param name="CreatedAt">Creation time (UTC).</param>
/// <param name="UpdatedAt">Last change (UTC).</param>
public sealed record PocDto(
    Guid Id,
    string Name,
    string? Description,
    string? Language,
    string? LanguageDisplayName,
    IReadOnlyList<string> Tags,
    string? RepositoryUrl,
    string Status,
    DateOnly? StartedOn,
    DateOnly? FinishedOn,
    string? Notes,
    string Visibility,
    Guid OwnerId,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
