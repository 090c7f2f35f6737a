using System.Diagnostics.CodeAnalysis;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Pocs.Editing;

/// <summary>The first step of every change to an existing POC: find it, lock it, check the caller may change it.</summary>
internal static class PocWriteLock
{
    /// <summary>
    /// Locks the row (<c>FOR UPDATE</c>), so of two concurrent writers with the same ETag the second
    /// sees the first one's version. Returns the row, or the refusal: 404 when the caller cannot see
    /// it (another tenant's, a colleague's private one, or none), 403 when they see it but may not change it.
    /// </summary>
    public static async Task<LockedPoc> AcquireAsync(TenantTransaction tx, Guid id)
    {
        var current = await tx.Connection.QuerySingleOrDefaultAsync<PocRow>(tx.Command(
            $"select {PocRow.Columns} from pocs where id = @Id and {PocAccess.VisibleSql} for update",
            new DynamicParameters(PocAccess.Parameters(tx.User)).With("Id", id)));
        if (current is null)
        {
            return new LockedPoc(null, Problems.NotFound($"There is no POC {id}."));
        }

        return PocAccess.CanChange(tx.User, current.OwnerId)
            ? new LockedPoc(current, null)
            : new LockedPoc(null, Problems.Forbidden("Only the POC's owner or a tenant admin can change or delete it."));
    }
}

/// <summary>A POC locked for a change by the caller, or why it could not be.</summary>
internal sealed record LockedPoc(PocRow? Current, ProblemHttpResult? Refusal)
{
    [MemberNotNullWhen(true, nameof(Current))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Acquired => Current is not null;
}
