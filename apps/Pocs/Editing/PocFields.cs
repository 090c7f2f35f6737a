using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;

namespace PocTracker.Pocs.Editing;

/// <summary>A validated write request in its stored form: trimmed, normalised, defaults applied.</summary>
internal sealed record PocFields(
    string Name,
    string? Description,
    string? Language,
    string[] Tags,
    string? RepositoryUrl,
    string Status,
    DateOnly? StartedOn,
    DateOnly? FinishedOn,
    string? Notes,
    string Visibility)
{
    /// <summary>Normalises a request that <see cref="PocWriteRequestValidator"/> accepted.</summary>
    public static PocFields From(PocWriteRequest request) => new(
        Name: request.Name!.Trim(),
        Description: NullIfBlank(request.Description),
        Language: Catalog.Language.Normalize(request.Language)?.Key,
        Tags: [.. Tag.NormalizeAll(request.Tags ?? [])],
        RepositoryUrl: string.IsNullOrWhiteSpace(request.RepositoryUrl) ? null : GitHubRepositoryUrl.Normalize(request.RepositoryUrl),
        Status: request.Status ?? PocStatus.Idea,
        StartedOn: request.StartedOn,
        FinishedOn: request.FinishedOn,
        Notes: NullIfBlank(request.Notes),
        Visibility: request.Visibility ?? PocVisibility.Tenant);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
