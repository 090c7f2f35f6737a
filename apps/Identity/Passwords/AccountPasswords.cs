using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using PocTracker.Identity.Audit;
using PocTracker.Identity.Data;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Identity.Passwords;

/// <summary>What checking a password came to.</summary>
internal enum PasswordVerdict
{
    /// <summary>The right password (rehashed on the way if its hash had old parameters).</summary>
    Correct,

    /// <summary>A wrong password, counted towards the lockout.</summary>
    Wrong,

    /// <summary>A wrong password that locked the account (the lockout is audited).</summary>
    WrongAndLocked,

    /// <summary>The account was locked already: the password was not looked at, and even the right one is refused.</summary>
    LockedOut,

    /// <summary>Over the throttle (per client IP or per account): nothing was checked, <c>Retry-After</c> is set.</summary>
    Throttled,

    /// <summary>Login page only: no such organisation or e-mail.</summary>
    UnknownAccount,

    /// <summary>Login page only: the account is deactivated.</summary>
    Deactivated,
}

/// <summary>
/// The one home of an account's password. Every route that checks one (the login page, the password change, enrolling
/// a second factor, deleting one's account) goes through <see cref="VerifyAsync(TenantAccount, string?, CancellationToken)"/>,
/// so each is behind the same throttle (<see cref="LoginThrottle"/>: per client IP and per account, one budget shared
/// by all of them) and the same growing lockout (<see cref="GrowingLockout"/>): a stolen access token guesses no faster
/// than the login page allows. Every route that sets one (the password change, a reset by e-mail) goes through
/// <see cref="ReplaceAsync"/>, which ends every session.
/// </summary>
internal sealed class AccountPasswords(
    UserManager<TenantAccount> accounts, IPasswordHasher<TenantAccount> hasher, GrowingLockout lockout, LoginThrottle throttle,
    IdentityDb db, AuditTrail audit, IHttpContextAccessor http, IdentityMetrics metrics,
    IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    /// <summary>The message for a locked account, wherever a password field is answered.</summary>
    public const string LockedMessage = "Too many wrong attempts: wait a few minutes and try again.";

    /// <summary>
    /// A hash of a random password, made by the accounts' own hasher (so with exactly the cost of a real check), that
    /// a missing, deactivated or locked account is verified against: timing does not tell those cases apart.
    /// </summary>
    private static string? decoyHash;

    /// <summary>A signed-in person's password, asked again before something only they may do.</summary>
    public async Task<PasswordVerdict> VerifyAsync(TenantAccount account, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);

        // The login page's budget is per organisation slug and e-mail typed: the same key, so the routes share it.
        var slug = await db.Tenants.AsNoTracking().Where(t => t.Id == account.TenantId).Select(t => t.Slug).SingleAsync(cancellationToken);
        return await VerifyAsync(slug, account.Email ?? "", () => Task.FromResult<TenantAccount?>(account), password, cancellationToken);
    }

    /// <summary>
    /// A login attempt with the organisation and e-mail as typed: throttled before the account is even looked up
    /// (<paramref name="findAccount"/>), and with the same work whether or not the account exists.
    /// </summary>
    public async Task<PasswordVerdict> VerifyAsync(
        string tenantSlug, string email, Func<Task<TenantAccount?>> findAccount, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findAccount);
        if (!throttle.TryAcquire(http.HttpContext?.Connection.RemoteIpAddress?.ToString(), tenantSlug, email))
        {
            if (http.HttpContext is { } context)
            {
                context.Response.Headers.RetryAfter = throttle.RetryAfter;
            }

            return PasswordVerdict.Throttled;
        }

        var account = await findAccount();
        password ??= "";
        if (account is null || !account.IsActive || lockout.IsLockedOut(account))
        {
            hasher.VerifyHashedPassword(new TenantAccount(), decoyHash ??= hasher.HashPassword(new TenantAccount(), Guid.NewGuid().ToString()), password);
            return account is null ? PasswordVerdict.UnknownAccount : !account.IsActive ? PasswordVerdict.Deactivated : PasswordVerdict.LockedOut;
        }

        var result = password.Length == 0 || account.PasswordHash is null
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            if (!await lockout.RecordFailureAsync(account))
            {
                return PasswordVerdict.Wrong;
            }

            metrics.LockedOut();
            await audit.RecordAsync(AuditKinds.Lockout, account.Id, AuditOutcomes.Success, $"locked until {account.LockoutEnd:O}", cancellationToken: cancellationToken);
            return PasswordVerdict.WrongAndLocked;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await RehashAsync(account, password, cancellationToken);
        }

        return PasswordVerdict.Correct;
    }

    /// <summary>
    /// Sets a new password: the policy with the account's context (ASP.NET Core Identity's validators, i.e.
    /// <see cref="PolicyPasswordValidator"/>), the hash, a new security stamp, and — once saved — every OAuth grant and
    /// token of the account revoked, so every session ends and whoever held one is out. Nothing changes when the
    /// policy refuses the password. <paramref name="endLockout"/> also unlocks the account (a reset proved the mailbox).
    /// </summary>
    public async Task<IdentityResult> ReplaceAsync(TenantAccount account, string newPassword, bool endLockout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(newPassword);
        var refusals = new List<IdentityError>();
        foreach (var validator in accounts.PasswordValidators)
        {
            refusals.AddRange((await validator.ValidateAsync(accounts, account, newPassword)).Errors);
        }

        if (refusals.Count > 0)
        {
            return IdentityResult.Failed([.. refusals]);
        }

        // Only an account with a second factor may have a short password, and then it must keep the factor.
        account.PasswordNeedsMfa = account.HasTwoStepVerification
            && PasswordPolicy.Normalize(newPassword).EnumerateRunes().Count() < PasswordPolicy.MinimumLengthWithoutMfa;
        if (endLockout)
        {
            account.LockoutEnd = null;
            account.AccessFailedCount = 0;
            account.LockoutLevel = 0;
        }

        account.PasswordHash = hasher.HashPassword(account, newPassword);
        var saved = await accounts.UpdateSecurityStampAsync(account); // the new stamp, and everything above, in one save
        if (!saved.Succeeded)
        {
            await db.Entry(account).ReloadAsync(cancellationToken);
            return saved;
        }

        var subject = account.Id.ToString();
        await authorizations.RevokeBySubjectAsync(subject, cancellationToken);
        await tokens.RevokeBySubjectAsync(subject, cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>The answer of an API route whose password check was throttled (<c>Retry-After</c> is already set).</summary>
    public static ProblemHttpResult TooManyAttempts() => TypedResults.Problem(
        "Too many password attempts from this address or for this account; try again in a minute.",
        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", type: ProblemTypes.TooManyRequests);

    /// <summary>
    /// Stores the hash again with today's parameters, without touching the security stamp (the person's sessions go on).
    /// A lost race only postpones it to the next check.
    /// </summary>
    private async Task RehashAsync(TenantAccount account, string password, CancellationToken cancellationToken)
    {
        account.PasswordHash = hasher.HashPassword(account, password);
        if (!(await accounts.UpdateAsync(account)).Succeeded)
        {
            await db.Entry(account).ReloadAsync(cancellationToken);
        }
    }
}
