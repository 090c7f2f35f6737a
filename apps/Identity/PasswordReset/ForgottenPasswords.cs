using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Identity.Accounts;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Mail;
using PocTracker.Identity.Pages;
using PocTracker.Identity.Passwords;

namespace PocTracker.Identity.PasswordReset;

internal enum ResetRequestStatus
{
    /// <summary>Answered the same whether or not a mail goes out.</summary>
    Accepted,

    /// <summary>A field is missing or malformed (<see cref="ResetRequestResult.Errors"/>).</summary>
    Invalid,

    /// <summary>Over the account's budget (<see cref="ResetRequestThrottle"/>); <see cref="ResetRequestResult.RetryAfter"/> says how long.</summary>
    TooMany,
}

internal sealed record ResetRequestResult(ResetRequestStatus Status, IReadOnlyDictionary<string, string[]>? Errors = null, TimeSpan? RetryAfter = null);

/// <summary>A link that can still be used, as the reset page shows it (and as the policy needs it: the password's context).</summary>
internal sealed record UsableResetLink(string TenantName, string TenantSlug, string Email, string DisplayName, bool MfaEnabled);

internal enum ResetStatus
{
    /// <summary>The new password is set, every session ended, the account unlocked.</summary>
    Reset,

    /// <summary>A field is wrong, the policy's refusals included (<see cref="ResetResult.Errors"/>); the link stays usable.</summary>
    Invalid,

    /// <summary>Unknown, malformed, used or expired, or its account deactivated or gone: one answer for all.</summary>
    Unusable,

    /// <summary>The account changed at the same moment (a login attempt); nothing changed, try again.</summary>
    Conflict,
}

internal sealed record ResetResult(ResetStatus Status, string? Slug = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// Forgotten passwords: the one implementation behind the API (<see cref="PasswordResetApi"/>) and the pages
/// (<see cref="ForgotPasswordPage"/>, <see cref="ResetPasswordPage"/>). Asking answers alike whether or not the
/// account exists: the lookups and an audit row happen either way, and the mail leaves through
/// <see cref="MailQueue"/> after the answer. The link names its tenant (<see cref="LinkToken"/>); using it sets the
/// password through <see cref="AccountPasswords.ReplaceAsync"/> (policy, new security stamp, every OAuth grant
/// revoked), unlocks the account, and spends every pending link of the account, in one transaction.
/// </summary>
internal sealed class ForgottenPasswords(
    IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts, AccountPasswords passwords, AuditTrail audit,
    MailQueue mail, ResetRequestThrottle throttle, IdentitySettings settings, TimeProvider time)
{
    public const string UnusableLinkMessage = "This link cannot be used: it expired (links work for 30 minutes), was used already, or another link of the account was. Ask for a new one.";

    public async Task<ResetRequestResult> RequestAsync(string? tenantSlug, string? email, PasswordResetTexts texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var slug = tenantSlug?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(slug) || slug.Length > 40)
        {
            errors["slug"] = ["The organisation's slug is required (up to 40 characters)."];
        }

        if (!AccountAdministration.IsEmail(email))
        {
            errors["email"] = ["A valid e-mail address is required."];
        }

        if (errors.Count > 0)
        {
            return new ResetRequestResult(ResetRequestStatus.Invalid, errors);
        }

        var address = email!.Trim();
        if (throttle.TryAcquire(slug!, address) is { } wait)
        {
            return new ResetRequestResult(ResetRequestStatus.TooMany, RetryAfter: wait);
        }

        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (tenant is null)
        {
            return new ResetRequestResult(ResetRequestStatus.Accepted);
        }

        scope.Enter(tenant.Id);
        var account = await accounts.FindByNameAsync(TenantAccount.UserNameFor(tenant.Id, address));
        if (account is null || !account.IsActive)
        {
            // Recorded like a failed login, so the organisation sees someone trying; no link exists, no mail goes.
            await audit.RecordAsync(AuditKinds.PasswordReset, account?.Id, AuditOutcomes.Failure,
                account is null ? "no link sent: unknown e-mail" : "no link sent: deactivated account", cancellationToken: cancellationToken);
            return new ResetRequestResult(ResetRequestStatus.Accepted);
        }

        var now = time.GetUtcNow();
        var (token, hash) = LinkToken.New(tenant.Id);
        var link = new ResetLink
        {
            TenantId = tenant.Id,
            Id = Guid.CreateVersion7(now),
            AccountId = account.Id,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now + ResetLink.Lifetime,
        };
        db.ResetLinks.Add(link);
        await audit.RecordAsync(AuditKinds.PasswordReset, account.Id, AuditOutcomes.Success, $"link sent (link {link.Id})", cancellationToken: cancellationToken);

        var url = new Uri(settings.Issuer, PagePaths.ResetPassword.TrimStart('/') + "?token=" + Uri.EscapeDataString(token));
        mail.TryEnqueue(new OutgoingMail(account.Email!, texts.MailSubject, texts.MailBody(tenant.Name, tenant.Slug, account.Email!, url, link.ExpiresAt)));
        return new ResetRequestResult(ResetRequestStatus.Accepted);
    }

    /// <summary>What a token's link resets, if it can still be used (null when unknown, malformed, used or expired alike).</summary>
    public async Task<UsableResetLink?> FindUsableAsync(string? token, CancellationToken cancellationToken)
    {
        if (!LinkToken.TryParse(token, out var tenantId, out var hash))
        {
            return null;
        }

        scope.Enter(tenantId);
        var now = time.GetUtcNow();
        var found = await (
                from link in db.ResetLinks.AsNoTracking()
                join account in db.Users.AsNoTracking() on link.AccountId equals account.Id
                join tenant in db.Tenants.AsNoTracking() on link.TenantId equals tenant.Id
                where link.TenantId == tenantId && link.TokenHash == hash && link.UsedAt == null && link.ExpiresAt > now && account.IsActive
                select new { tenant.Name, tenant.Slug, account.Email, account.DisplayName, account.TwoFactorEnabled, account.TotpSecret })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new UsableResetLink(found.Name, found.Slug, found.Email ?? "", found.DisplayName, found.TwoFactorEnabled && found.TotpSecret is not null);
    }

    public async Task<ResetResult> ConfirmAsync(string? token, string? newPassword, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(token))
        {
            errors["token"] = ["The token of the link is required."];
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            errors["newPassword"] = ["Choose a new password."];
        }
        else if (newPassword.Length > PasswordPolicy.MaximumInputLength)
        {
            errors["newPassword"] = [PasswordMessages.TooLong.MessageEn];
        }

        if (errors.Count > 0)
        {
            return new ResetResult(ResetStatus.Invalid, Errors: errors);
        }

        if (!LinkToken.TryParse(token, out var tenantId, out var hash))
        {
            return new ResetResult(ResetStatus.Unusable);
        }

        // The token names its tenant; the scope must be entered before the transaction opens its connection.
        scope.Enter(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Locked, so of two uses of one link exactly one sets a password.
        var link = await db.ResetLinks
            .FromSql($"select * from reset_links where tenant_id = {tenantId} and token_hash = {hash} for update")
            .SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (link is null || link.UsedAt is not null || link.ExpiresAt <= now)
        {
            return new ResetResult(ResetStatus.Unusable);
        }

        var account = await db.Users.SingleOrDefaultAsync(a => a.Id == link.AccountId && a.TenantId == tenantId, cancellationToken);
        if (account is null || !account.IsActive)
        {
            return new ResetResult(ResetStatus.Unusable);
        }

        var replaced = await passwords.ReplaceAsync(account, newPassword!, endLockout: true, cancellationToken);
        if (!replaced.Succeeded)
        {
            // Nothing is kept: the transaction rolls back, and the link stays usable.
            return replaced.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new ResetResult(ResetStatus.Conflict)
                : new ResetResult(ResetStatus.Invalid, Errors: new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    ["newPassword"] = [.. replaced.Errors.Select(e => e.Description)],
                });
        }

        // One use spends every pending link of the account: an older mail opens nothing afterwards.
        await db.ResetLinks
            .Where(l => l.TenantId == tenantId && l.AccountId == account.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, now), cancellationToken);
        await audit.RecordAsync(AuditKinds.PasswordReset, account.Id, AuditOutcomes.Success,
            $"password set with link {link.Id}; sessions ended, lockout cleared", cancellationToken: cancellationToken);
        var slug = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Slug).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ResetResult(ResetStatus.Reset, slug);
    }

    /// <summary>The context the policy checks a new password in, for the page's own explanation of a refusal.</summary>
    public static PasswordContext ContextOf(UsableResetLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new PasswordContext(link.MfaEnabled, link.TenantName, link.TenantSlug, link.Email, link.DisplayName);
    }
}
