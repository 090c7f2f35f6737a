using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Mail;

namespace PocTracker.Identity.Accounts;

/// <summary>An invitation that can still be accepted, as the landing page shows it.</summary>
internal sealed record InvitationToAccept(Guid TenantId, string TenantName, string TenantSlug, string Email, string Role, DateTimeOffset ExpiresAt);

internal enum AcceptanceStatus
{
    Accepted,

    /// <summary>A field is wrong (<see cref="AcceptanceResult.Errors"/>); nothing was kept and the invitation stays usable.</summary>
    Invalid,

    /// <summary>Unknown, malformed or already used: one answer for all three.</summary>
    Unknown,
    Expired,

    /// <summary>The e-mail got an account in the tenant since the invitation was sent.</summary>
    AccountExists,
}

/// <summary>What accepting came to; <see cref="Account"/> and <see cref="Slug"/> are set when accepted.</summary>
internal sealed record AcceptanceResult(AcceptanceStatus Status, TenantAccount? Account = null, string? Slug = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// Accepting an invitation: the one implementation behind the API (<see cref="AcceptInvitation"/>) and the
/// landing page (<see cref="InvitationPage"/>). The token names its tenant; the invitation row is locked while
/// it is accepted, so two acceptances of one link create one account.
/// </summary>
internal sealed class InvitationAcceptance(
    IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts, AuditTrail audit, TimeProvider time)
{
    /// <summary>The invitation a token proves, if it can still be accepted (null when unknown, malformed, used or expired alike).</summary>
    public async Task<InvitationToAccept?> FindPendingAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LinkToken.TryParse(token, out var tenantId, out var hash))
        {
            return null;
        }

        scope.Enter(tenantId);
        var now = time.GetUtcNow();
        return await db.Invitations.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now)
            .Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new InvitationToAccept(t.Id, t.Name, t.Slug, i.Email, i.Role, i.ExpiresAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<AcceptanceResult> AcceptAsync(string? token, string? displayName, string? password, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(token))
        {
            errors["token"] = ["The invitation's token is required."];
        }

        AccountAdministration.ValidatePerson(errors, displayName, password);
        if (errors.Count > 0)
        {
            return new AcceptanceResult(AcceptanceStatus.Invalid, Errors: errors);
        }

        if (!LinkToken.TryParse(token, out var tenantId, out var hash))
        {
            return new AcceptanceResult(AcceptanceStatus.Unknown);
        }

        // The token names its tenant; the scope must be entered before the transaction opens its connection.
        scope.Enter(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Locked, so of two acceptances of one link exactly one creates an account.
        var invitation = await db.Invitations
            .FromSql($"select * from invitations where tenant_id = {tenantId} and token_hash = {hash} for update")
            .SingleOrDefaultAsync(cancellationToken);
        if (invitation is null || invitation.AcceptedAt is not null)
        {
            return new AcceptanceResult(AcceptanceStatus.Unknown);
        }

        var now = time.GetUtcNow();
        if (invitation.ExpiresAt <= now)
        {
            return new AcceptanceResult(AcceptanceStatus.Expired);
        }

        var account = new TenantAccount
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            UserName = TenantAccount.UserNameFor(tenantId, invitation.Email),
            Email = invitation.Email,
            EmailConfirmed = true, // the link reached this address
            DisplayName = displayName!.Trim(),
            Role = invitation.Role,
            CreatedAt = now,
        };
        invitation.AcceptedAt = now;

        IdentityResult created;
        try
        {
            created = await accounts.CreateAsync(account, password!);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new AcceptanceResult(AcceptanceStatus.AccountExists); // created between the check and the insert
        }

        if (!created.Succeeded)
        {
            // Nothing is kept: the transaction rolls back, and the invitation stays usable.
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? new AcceptanceResult(AcceptanceStatus.AccountExists)
                : new AcceptanceResult(AcceptanceStatus.Invalid, Errors: new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    ["password"] = [.. created.Errors.Select(error => error.Description)],
                });
        }

        await audit.RecordAsync(AuditKinds.Invitation, account.Id, AuditOutcomes.Success,
            $"accepted invitation {invitation.Id} as {invitation.Role}", cancellationToken: cancellationToken);
        var slug = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Slug).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AcceptanceResult(AcceptanceStatus.Accepted, account, slug);
    }
}
