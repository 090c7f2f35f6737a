using System.Threading.RateLimiting;

namespace PocTracker.Identity.PasswordReset;

/// <summary>
/// How many reset mails one account may be sent: <c>Identity:PasswordResetRequestsPerAccountPerHour</c> (5) per
/// organisation slug and e-mail as typed, known or not (so the answer tells nothing), in fixed one-hour windows. This
/// is what keeps someone from flooding a person's mailbox from many addresses; the per-IP limit is the rate limiter's
/// (<c>RateLimits/IdentityRateLimits.cs</c>), which cannot read the body.
/// </summary>
internal sealed class ResetRequestThrottle(IdentitySettings settings) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<string> perAccount = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PasswordResetRequestsPerAccountPerHour, Window = Window, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>Null when this request may go ahead, otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string tenantSlug, string email)
    {
        using var lease = perAccount.AttemptAcquire($"{tenantSlug}/{email.ToLowerInvariant()}");
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
    }

    public void Dispose() => perAccount.Dispose();
}
