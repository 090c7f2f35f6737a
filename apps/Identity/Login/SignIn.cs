using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.Identity.Passwords;

namespace PocTracker.Identity.Login;

/// <summary>What a login attempt with the organisation, e-mail and password came to.</summary>
internal enum PasswordLoginResult
{
    /// <summary>Over the throttle: nothing was checked, <c>Retry-After</c> is set.</summary>
    Throttled,

    /// <summary>Unknown organisation or e-mail, wrong password, locked or deactivated account: one answer for all.</summary>
    Failed,

    /// <summary>The password was right and the account has two-step verification: the session waits for the code.</summary>
    SecondFactorNeeded,

    /// <summary>The password was right and was the only factor: the session started.</summary>
    SignedIn,
}

/// <summary>The result of a password login, with the account whose password was proven (when it was).</summary>
internal sealed record PasswordLogin(PasswordLoginResult Result, TenantAccount? Account);

/// <summary>
/// The login's rules, apart from its pages: the password is checked behind the throttle and the growing lockout
/// (<see cref="AccountPasswords"/>), in the organisation typed; a failure is logged and, in a known organisation,
/// audited; once every factor is proven the session starts (<see cref="CompleteAsync"/>, also the second step's end).
/// Every failure comes to the same <see cref="PasswordLoginResult.Failed"/>, and the unknown cases still spend a
/// password verification, so neither the answer nor its timing tells whether an account exists.
/// </summary>
internal sealed partial class SignIn(
    IdentityDb db, TenantScope scope, UserManager<TenantAccount> accounts, AccountPasswords passwords,
    GrowingLockout lockout, AuditTrail audit, IHttpContextAccessor http, IdentityMetrics metrics, ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger("PocTracker.Identity.Login");

    /// <summary>The first step: the organisation's slug, the e-mail and the password as typed (trimmed, slug lower-cased).</summary>
    public async Task<PasswordLogin> WithPasswordAsync(string slug, string email, string password, CancellationToken cancellationToken)
    {
        Tenant? tenant = null;
        TenantAccount? account = null;
        var verdict = await passwords.VerifyAsync(slug, email, async () =>
        {
            tenant = slug.Length is > 0 and <= 40 ? await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken) : null;
            if (tenant is not null)
            {
                scope.Enter(tenant.Id); // also for the audit of a failure in a known organisation (an empty e-mail too)
                if (email.Length is > 0 and <= TenantAccount.MaxEmailLength)
                {
                    account = await accounts.FindByNameAsync(TenantAccount.UserNameFor(tenant.Id, email));
                }
            }

            return account;
        }, password, cancellationToken);

        if (verdict == PasswordVerdict.Throttled)
        {
            metrics.Login(IdentityMetrics.LoginOutcomes.Throttled);
            return new PasswordLogin(PasswordLoginResult.Throttled, null);
        }

        if (verdict != PasswordVerdict.Correct)
        {
            var failure = verdict switch
            {
                PasswordVerdict.UnknownAccount => "unknown account",
                PasswordVerdict.Deactivated => "deactivated account",
                PasswordVerdict.LockedOut => "locked out",
                _ => "wrong password",
            };
            LogFailed(tenant?.Id, failure);
            metrics.Login(verdict is PasswordVerdict.LockedOut or PasswordVerdict.WrongAndLocked ? IdentityMetrics.LoginOutcomes.LockedOut : IdentityMetrics.LoginOutcomes.Failed);
            if (tenant is not null)
            {
                await audit.RecordAsync(AuditKinds.Login, account?.Id, AuditOutcomes.Failure, failure, cancellationToken: cancellationToken);
            }

            return new PasswordLogin(PasswordLoginResult.Failed, account);
        }

        if (account!.HasTwoStepVerification)
        {
            // The password was right; the session starts only after the second factor (TwoStepLoginPage).
            metrics.Login(IdentityMetrics.LoginOutcomes.SecondFactorNeeded);
            return new PasswordLogin(PasswordLoginResult.SecondFactorNeeded, account);
        }

        await CompleteAsync(account, "password", cancellationToken);
        return new PasswordLogin(PasswordLoginResult.SignedIn, account);
    }

    /// <summary>Every factor is proven: the lockout level resets, the login is audited and the identity app's session starts.</summary>
    /// <param name="account">The account signing in.</param>
    /// <param name="method">How it proved itself, for the audit log ("password", "password + authenticator code", …).</param>
    /// <param name="cancellationToken">The request's.</param>
    public async Task CompleteAsync(TenantAccount account, string method, CancellationToken cancellationToken)
    {
        await lockout.RecordSuccessAsync(account);
        await audit.RecordAsync(AuditKinds.Login, account.Id, AuditOutcomes.Success, method, cancellationToken: cancellationToken);
        // The session carries the account's security stamp: renewing the stamp ends it (LoginSession).
        await http.HttpContext!.SignInAsync(IdentityModule.SessionScheme, LoginSession.For(account));
        LogSucceeded(account.TenantId, account.Id);
        metrics.Login(IdentityMetrics.LoginOutcomes.Succeeded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Login failed for tenant {TenantId}: {Reason}")]
    internal partial void LogFailed(Guid? tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Login succeeded: tenant {TenantId}, account {AccountId}")]
    private partial void LogSucceeded(Guid tenantId, Guid accountId);
}
