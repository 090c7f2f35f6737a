namespace PocTracker.Identity.Data;

/// <summary>
/// A link to choose a new password, mailed at the person's request. Only the SHA-256 of its secret is stored; the
/// secret itself travels once, in the e-mail. Single use (<see cref="UsedAt"/>), valid for <see cref="Lifetime"/>.
/// </summary>
public sealed class ResetLink
{
    /// <summary>How long a link works: long enough to open the mail, short enough that an old mailbox opens nothing.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    /// <summary>The account whose password it resets.</summary>
    public Guid AccountId { get; set; }

    /// <summary>SHA-256 of the token's 32 random bytes (<c>Mail/LinkToken</c>).</summary>
    public byte[] TokenHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when a password was chosen with it, or with another link of the same account (one use ends them all).</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
