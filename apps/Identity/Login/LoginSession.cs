using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using PocTracker.Identity.Connect;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Login;

/// <summary>
/// The identity app's login session: the cookie of <see cref="IdentityModule.SessionScheme"/> (8 hours) that
/// lets <c>/connect/authorize</c> hand out codes without asking for the password again. It names the account
/// and carries the account's security stamp as it was at login. Every time the cookie is read (authorize,
/// logout) the stamp is compared with the stored one: whatever renews it — a password change or reset,
/// two-step verification switched on or off, deactivation — ends every session at once, as does deleting
/// the account.
/// </summary>
internal static partial class LoginSession
{
    /// <summary>The claim holding the security stamp the session was started with.</summary>
    public const string SecurityStampClaim = "security_stamp";

    /// <summary>The principal of a new session for an account whose every factor was just proven.</summary>
    public static ClaimsPrincipal For(TenantAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var session = new ClaimsIdentity(IdentityModule.SessionScheme);
        session.AddClaim(new Claim("sub", account.Id.ToString()));
        session.AddClaim(new Claim(AccessPrincipal.TenantIdClaim, account.TenantId.ToString()));
        session.AddClaim(new Claim(SecurityStampClaim, account.SecurityStamp ?? ""));
        return new ClaimsPrincipal(session);
    }

    /// <summary>
    /// The cookie handler's <c>OnValidatePrincipal</c>: one indexed read of the account per use of the cookie
    /// (authorize requests only, not every page), so a stamp change takes effect on the very next request.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var reason = await RefusalAsync(context.Principal, services, context.HttpContext.RequestAborted);
        if (reason is null)
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityModule.SessionScheme);
        LogEnded(services.GetRequiredService<ILoggerFactory>().CreateLogger("PocTracker.Identity.Login"), reason);
    }

    /// <summary>Why a session principal is no longer good, or null while it is.</summary>
    private static async Task<string?> RefusalAsync(ClaimsPrincipal? principal, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (principal is null || !AccessPrincipal.TryReadAccount(principal, out var tenantId, out var accountId))
        {
            return "the session names no account";
        }

        var started = principal.FindFirst(SecurityStampClaim)?.Value;
        if (string.IsNullOrEmpty(started))
        {
            return "the session carries no security stamp"; // a cookie from before stamps were recorded
        }

        services.GetRequiredService<TenantScope>().Enter(tenantId);
        var account = await services.GetRequiredService<IdentityDb>().Users.AsNoTracking()
            .Where(a => a.Id == accountId && a.TenantId == tenantId)
            .Select(a => new { a.IsActive, a.SecurityStamp })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return "the account is gone";
        }

        if (!account.IsActive)
        {
            return "the account is deactivated";
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(started), Encoding.UTF8.GetBytes(account.SecurityStamp ?? ""))
            ? null
            : "the account's security stamp changed (password, two-step verification or deactivation)";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Login session ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string reason);
}
