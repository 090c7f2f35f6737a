using Microsoft.EntityFrameworkCore;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Privacy;

/// <summary>What the identity app holds about a person (LGPD art. 18: access and portability).</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    PersonalDataExport.AccountData Account,
    PersonalDataExport.TenantData Tenant,
    IReadOnlyList<AuditEventDto> SecurityEvents)
{
    public sealed record AccountData(Guid Id, string Email, string DisplayName, string Role, bool IsActive, bool TwoFactorEnabled, DateTimeOffset CreatedAt);

    public sealed record TenantData(Guid Id, string Slug, string Name);
}

internal static class ExportPersonalData
{
    public static void MapExportPersonalData(this RouteGroupBuilder api) => api
        .MapGet("/me/export", HandleAsync)
        .WithName("ExportPersonalData")
        .WithSummary("Download everything the identity app holds about you (JSON)")
        .WithDescription("Your account, your organisation and the security events about you or done by you. Passwords and keys are never exported.");

    private static async Task<IResult> HandleAsync(TenantUser user, IdentityDb db, TenantScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var account = await CallerAccount.FindAsync(db, scope, user, cancellationToken);
        if (account is null)
        {
            return Problems.NotFound("There is no active account for this token.");
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == account.TenantId, cancellationToken);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TenantId == account.TenantId && (e.AccountId == account.Id || e.ActorId == account.Id))
            .OrderBy(e => e.OccurredAt)
            .Select(e => new AuditEventDto(e.Id, e.OccurredAt, e.Kind, e.AccountId, e.ActorId, e.IpAddress, e.Outcome, e.Detail))
            .ToListAsync(cancellationToken);

        var export = new PersonalDataExport(
            time.GetUtcNow(),
            new PersonalDataExport.AccountData(account.Id, account.Email!, account.DisplayName, account.Role, account.IsActive, account.TwoFactorEnabled, account.CreatedAt),
            new PersonalDataExport.TenantData(tenant.Id, tenant.Slug, tenant.Name),
            events);
        return new AttachmentResult(Results.Json(export), "poctracker-identity-data.json");
    }

    /// <summary>Sends a result as a download with a file name.</summary>
    private sealed class AttachmentResult(IResult inner, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
