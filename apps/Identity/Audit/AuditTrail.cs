using PocTracker.Identity.Data;

namespace PocTracker.Identity.Audit;

/// <summary>
/// Records audit events in the identity database, in the tenant the scope is in (the table is a
/// tenant table under row-level security), with the caller's IP address. Events are saved at once:
/// a failed login is recorded even though nothing else is written.
/// </summary>
public sealed class AuditTrail(IdentityDb db, TenantScope scope, IHttpContextAccessor http, TimeProvider time)
{
    public async Task RecordAsync(string kind, Guid? accountId, string outcome, string? detail = null, Guid? actorId = null, CancellationToken cancellationToken = default)
    {
        var tenantId = scope.TenantId ?? throw new InvalidOperationException("Audit events belong to a tenant: enter the tenant scope first.");
        var now = time.GetUtcNow();
        db.AuditEvents.Add(new AuditEvent
        {
            TenantId = tenantId,
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Kind = kind,
            AccountId = accountId,
            ActorId = actorId,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Outcome = outcome,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
