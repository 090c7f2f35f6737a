using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Audit;

internal static class ReadAuditLog
{
    public const int MaxLimit = 200;

    public static void MapReadAuditLog(this RouteGroupBuilder api) => api
        .MapGet("/audit", HandleAsync)
        .WithName("ReadAuditLog")
        .WithSummary("The tenant's audit log, newest first")
        .WithDescription("Owners and admins only (the role as stored now). Pass the last event's occurredAt as 'before' (any UTC offset) for the next page.");

    private static async Task<Results<Ok<List<AuditEventDto>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        TenantUser user, IdentityDb db, TenantScope scope, DateTimeOffset? before, int? limit, CancellationToken cancellationToken)
    {
        // The role as stored now, not the one in a token up to ten minutes old (a demoted admin reads nothing).
        var caller = await CallerAccount.FindAsync(db, scope, user, cancellationToken);
        if (!caller.IsOwnerOrAdmin())
        {
            return Problems.Forbidden("Only the tenant's owners and admins read the audit log.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["limit"] = [$"limit must be from 1 to {MaxLimit}."] });
        }

        // Any offset names the same instant; PostgreSQL's timestamptz parameters are sent in UTC.
        var until = before?.ToUniversalTime();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TenantId == user.TenantId && (until == null || e.OccurredAt < until))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(limit ?? 50)
            .Select(e => new AuditEventDto(e.Id, e.OccurredAt, e.Kind, e.AccountId, e.ActorId, e.IpAddress, e.Outcome, e.Detail))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(events);
    }
}
