namespace PocTracker.Identity.Data;

/// <summary>One security-relevant thing that happened in a tenant, kept for its admins to read.</summary>
public sealed class AuditEvent
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>What happened: one of <see cref="AuditKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The account it happened to, when there is one.</summary>
    public Guid? AccountId { get; set; }

    /// <summary>Who did it, when not the account itself (an admin changing a role).</summary>
    public Guid? ActorId { get; set; }

    public string? IpAddress { get; set; }

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public string Outcome { get; set; } = AuditOutcomes.Success;

    /// <summary>A short, secret-free explanation ("wrong password", "member → admin").</summary>
    public string? Detail { get; set; }
}

public static class AuditKinds
{
    public const string SignUp = "sign-up";
    public const string Login = "login";
    public const string Logout = "logout";
    public const string Lockout = "lockout";
    public const string PasswordChange = "password-change";
    public const string PasswordReset = "password-reset";
    public const string MfaChange = "mfa-change";
    public const string RoleChange = "role-change";
    public const string Deactivation = "deactivation";
    public const string Invitation = "invitation";
    public const string RefreshTokenReuse = "refresh-token-reuse";
    public const string AccountDeletion = "account-deletion";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
}
