using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Pocs;

namespace PocTracker.Mobile.Core.Server;

/// <summary>The POC calls the mobile pages make, so effects runners are tested against a substitute; <see cref="PocsApi"/> is the SDK behind it.</summary>
public interface IPocsApi
{
    Task<PocPage> SearchAsync(PocSearchFilters filters, string? sort, int? limit, string? cursor, CancellationToken cancellationToken);

    Task<PocFacets> GetFacetsAsync(CancellationToken cancellationToken);

    Task<PocDto> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<PocDto> CreateAsync(PocWriteRequest poc, CancellationToken cancellationToken);

    Task<PocDto> UpdateAsync(Guid id, int version, PocWriteRequest poc, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, int version, CancellationToken cancellationToken);

    /// <summary>What a POC from this GitHub repository would hold (nothing written): 400 on the address, 404 unknown or private, 503 with Retry-After.</summary>
    Task<GitHubRepositoryPreview> PreviewFromGitHubAsync(string repositoryUrl, CancellationToken cancellationToken);
}

/// <summary>The SDK's <see cref="PocsClient"/> as an <see cref="IPocsApi"/>.</summary>
public sealed class PocsApi(PocsClient client) : IPocsApi
{
    public Task<PocPage> SearchAsync(PocSearchFilters filters, string? sort, int? limit, string? cursor, CancellationToken cancellationToken) =>
        client.SearchAsync(filters, sort, limit, cursor, cancellationToken);

    public Task<PocFacets> GetFacetsAsync(CancellationToken cancellationToken) => client.GetFacetsAsync(cancellationToken);

    public Task<PocDto> GetAsync(Guid id, CancellationToken cancellationToken) => client.GetAsync(id, cancellationToken);

    public Task<PocDto> CreateAsync(PocWriteRequest poc, CancellationToken cancellationToken) => client.CreateAsync(poc, cancellationToken);

    public Task<PocDto> UpdateAsync(Guid id, int version, PocWriteRequest poc, CancellationToken cancellationToken) =>
        client.UpdateAsync(id, version, poc, cancellationToken);

    public Task DeleteAsync(Guid id, int version, CancellationToken cancellationToken) => client.DeleteAsync(id, version, cancellationToken);

    public Task<GitHubRepositoryPreview> PreviewFromGitHubAsync(string repositoryUrl, CancellationToken cancellationToken) =>
        client.PreviewFromGitHubAsync(repositoryUrl, cancellationToken);
}
