namespace PocTracker.Identity.Data;

/// <summary>
/// An invitation to join a tenant with a role. Only the SHA-256 of its secret is stored; the secret
/// itself travels once, in the e-mail's link. Single use: <see cref="AcceptedAt"/> is set on acceptance.
/// </summary>
public sealed class Invitation
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    /// <summary>The address invited, as the inviter typed it (trimmed).</summary>
    public string Email { get; set; } = "";

    /// <summary>The role the new account gets: <c>owner</c>, <c>admin</c> or <c>member</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>SHA-256 of the token's 32 random bytes.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>The account that sent it.</summary>
    public Guid InvitedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }
}
