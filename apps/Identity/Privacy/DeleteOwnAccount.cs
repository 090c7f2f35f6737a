using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using OpenIddict.Abstractions;
using PocTracker.Contracts.Identity;
using PocTracker.Identity.Accounts;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Identity.Privacy;

/// <summary>
/// LGPD art. 18 (erasure): a person deletes their account. The account row goes (with its claims,
/// logins and tokens), its OAuth grants are revoked, and <see cref="UserDeletedIntegrationEvent"/>
/// goes out through the outbox in the same transaction, so every app erases or hands over that
/// person's data (the pocs app deletes their private POCs and gives the shared ones to the
/// successor, the organisation's longest-standing other owner). The audit trail keeps the account
/// id (no e-mail or name) as the organisation's security record. The last active owner must hand
/// ownership on first.
/// </summary>
internal static class DeleteOwnAccount
{
    public static void MapDeleteOwnAccount(this RouteGroupBuilder api) => api
        .MapPost("/me/delete", HandleAsync)
        .WithName("DeleteOwnAccount")
        .WithSummary("Delete your account (with your password)")
        .WithDescription("204 when deleted; 400 when the password is wrong or the account is locked after too many wrong ones; 409 (last-owner) when you are the organisation's last active owner; " +
                         "429 (too-many-requests) past the login's attempt limits.");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> HandleAsync(
        DeleteOwnAccountRequest request, TenantUser user, IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts,
        AccountPasswords passwords, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, AuditTrail audit,
        [FromKeyedServices(IdentityModule.AppId)] OutboxSignal outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var account = await CallerAccount.FindToChangeAsync(db, scope, user, cancellationToken);
        if (account is null)
        {
            return Problems.NotFound("There is no active account for this token.");
        }

        // Behind the login's throttle and lockout: a stolen token must not become a way to guess the password.
        var verdict = await passwords.VerifyAsync(account, request.Password, cancellationToken);
        if (verdict == PasswordVerdict.Throttled)
        {
            return AccountPasswords.TooManyAttempts();
        }

        if (verdict != PasswordVerdict.Correct)
        {
            var locked = verdict is PasswordVerdict.LockedOut or PasswordVerdict.WrongAndLocked;
            await audit.RecordAsync(AuditKinds.AccountDeletion, account.Id, AuditOutcomes.Failure, verdict == PasswordVerdict.LockedOut ? "locked out" : "wrong password",
                cancellationToken: cancellationToken);
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["password"] = [locked ? AccountPasswords.LockedMessage : "The password is not correct."],
            });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AccountAdministration.LockTenantAsync(db, user.TenantId, cancellationToken);
        var successor = await db.Users.AsNoTracking()
            .Where(a => a.TenantId == user.TenantId && a.Id != account.Id && a.Role == AccountRoles.Owner && a.IsActive)
            .OrderBy(a => a.CreatedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (successor is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            await audit.RecordAsync(AuditKinds.AccountDeletion, account.Id, AuditOutcomes.Failure, "refused: the last active owner", cancellationToken: cancellationToken);
            return AccountProblems.LastOwner();
        }

        var subject = account.Id.ToString();
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
        var deleted = await accounts.DeleteAsync(account);
        if (!deleted.Succeeded)
        {
            throw new InvalidOperationException("Deleting the account failed: " + string.Join("; ", deleted.Errors.Select(e => e.Code)));
        }

        await audit.RecordAsync(AuditKinds.AccountDeletion, account.Id, AuditOutcomes.Success, "deleted at the person's request", cancellationToken: cancellationToken);
        var deletion = new UserDeletedIntegrationEvent(account.Id, successor.Value) { TenantId = user.TenantId, OccurredAt = time.GetUtcNow() };
        await OutboxMessages.WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), deletion, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return TypedResults.NoContent();
    }
}
