using Dapper;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.Pocs.GitHub;

/// <summary>
/// A tenant registers a repository once through the GitHub import. Repository URLs are stored canonical
/// (<see cref="GitHubRepositoryUrl"/>), so owner and name differ at most in case, which GitHub ignores: the comparison
/// is on <c>lower(repository_url)</c> (index of migration 0007). The check and the insert run under one transaction-scoped
/// advisory lock per tenant, so two imports of the same repository at once cannot both pass the check; the lock is
/// held only while writing (GitHub is read before).
/// </summary>
internal static class RegisteredRepositories
{
    /// <summary>Waits for the tenant's GitHub-registration lock; it is released when <paramref name="tx"/> ends.</summary>
    public static Task LockTenantAsync(TenantTransaction tx) =>
        tx.Connection.ExecuteAsync(tx.Command(
            "select pg_advisory_xact_lock(hashtextextended('pocs.github-registration:' || @TenantId::text, 0))",
            new { tx.User.TenantId }));

    /// <summary>The tenant's POCs of these repositories (any of its POCs, seen by the caller or not), by lower-cased URL.</summary>
    public static async Task<IReadOnlyDictionary<string, RegisteredRepository>> FindAsync(TenantTransaction tx, IEnumerable<string> repositoryUrls)
    {
        var keys = repositoryUrls.Select(KeyOf).Distinct(StringComparer.Ordinal).ToArray();
        var rows = await tx.Connection.QueryAsync<(string Key, Guid Id, Guid OwnerId, string Visibility)>(tx.Command(
            """
            select distinct on (lower(repository_url)) lower(repository_url), id, owner_id, visibility
            from pocs
            where tenant_id = @TenantId and lower(repository_url) = any(@Keys)
            order by lower(repository_url), created_at, id
            """,
            new { tx.User.TenantId, Keys = keys }));
        return rows.ToDictionary(
            r => r.Key,
            r => new RegisteredRepository(r.Id, tx.User.IsTenantAdmin || r.OwnerId == tx.User.UserId || r.Visibility == PocVisibility.Tenant),
            StringComparer.Ordinal);
    }

    public static string KeyOf(string canonicalUrl) => canonicalUrl.ToLowerInvariant();
}

/// <summary>A tenant's POC of a repository, and whether the caller may see it (<see cref="PocAccess"/>'s rule).</summary>
internal sealed record RegisteredRepository(Guid PocId, bool VisibleToCaller);
