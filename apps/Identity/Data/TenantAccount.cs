using Microsoft.AspNetCore.Identity;

namespace PocTracker.Identity.Data;

/// <summary>
/// A person's account in one tenant. The same e-mail in two tenants is two accounts. The Identity
/// user name is <c>{tenantId:N}/{email}</c>, so ASP.NET Core Identity's unique user name is
/// unique per tenant and every lookup by name is a lookup within a tenant.
/// </summary>
public sealed class TenantAccount : IdentityUser<Guid>
{
    public Guid TenantId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary><c>owner</c>, <c>admin</c> or <c>member</c>.</summary>
    public string Role { get; set; } = AccountRoles.Member;

    /// <summary>False once deactivated: no login, no refresh.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Lockouts in a row (reset by a successful login or a quiet day); each one lasts twice as long.</summary>
    public int LockoutLevel { get; set; }

    public DateTimeOffset? LastLockoutAt { get; set; }

    /// <summary>The TOTP secret once two-step verification is on, protected with Data Protection (see <c>Mfa/TotpAuthenticator</c>).</summary>
    public string? TotpSecret { get; set; }

    /// <summary>A secret handed out by an enrolment not confirmed with a code yet.</summary>
    public string? TotpPendingSecret { get; set; }

    /// <summary>The last TOTP time step a code was accepted for: each code works once.</summary>
    public long? TotpLastStep { get; set; }

    /// <summary>SHA-256 (hex) of each unused recovery code.</summary>
    public List<string> RecoveryCodes { get; set; } = [];

    /// <summary>The password is shorter than a password-only account may have: two-step verification must stay on.</summary>
    public bool PasswordNeedsMfa { get; set; }

    /// <summary>
    /// Two-step verification is on: an authenticator app was enrolled and confirmed (<c>Mfa/</c>). Read by the login, the
    /// password rules and the two-step routes alike; not a column (no setter, so EF Core does not map it).
    /// </summary>
    public bool HasTwoStepVerification => TwoFactorEnabled && TotpSecret is not null;

    /// <summary>The longest e-mail address an account may have (RFC 5321's path limit of 256 octets, less the angle brackets).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>The longest user name: a 32-digit tenant id, "/", and the longest e-mail (the column is sized for it).</summary>
    public const int MaxUserNameLength = 32 + 1 + MaxEmailLength;

    public static string UserNameFor(Guid tenantId, string email) => $"{tenantId:N}/{email.Trim().ToLowerInvariant()}";
}

/// <summary>The roles of an account inside its tenant.</summary>
public static class AccountRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";

    public static readonly IReadOnlyList<string> All = [Owner, Admin, Member];

    public static bool IsRole(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    public static bool IsOwnerOrAdmin(this TenantAccount? account) => account?.Role is Owner or Admin;

    public static bool IsOwner(this TenantAccount? account) => account?.Role == Owner;
}
