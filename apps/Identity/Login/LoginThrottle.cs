using System.Threading.RateLimiting;

namespace PocTracker.Identity.Login;

/// <summary>
/// Throttles password attempts with .NET's rate limiter, per client IP (by default a sliding window of
/// 30 a minute: enough for an office behind one NAT) and per account name tried (10 a minute),
/// before any password is checked: the login page's and every route's that asks for the password again (all through
/// <c>Passwords/AccountPasswords</c>, one budget), and the second step's codes (a budget of their own). Lockout
/// (<see cref="GrowingLockout"/>) bounds guesses per account over hours; this bounds bursts, including against
/// accounts that do not exist.
/// </summary>
internal sealed class LoginThrottle(IdentitySettings settings) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> perIp = Limiter(settings.LoginAttemptsPerIpPerMinute);
    private readonly PartitionedRateLimiter<string> perAccount = Limiter(settings.LoginAttemptsPerAccountPerMinute);

    private static PartitionedRateLimiter<string> Limiter(int permitsPerMinute) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute, Window = Window, SegmentsPerWindow = 6, QueueLimit = 0,
        }));

    /// <summary>True when this attempt may go ahead.</summary>
    public bool TryAcquire(string? ip, string tenantSlug, string email)
    {
        using var byIp = perIp.AttemptAcquire(ip ?? "unknown");
        if (!byIp.IsAcquired)
        {
            return false;
        }

        using var byAccount = perAccount.AttemptAcquire($"{tenantSlug}/{email.ToLowerInvariant()}");
        return byAccount.IsAcquired;
    }

    public void Dispose()
    {
        perIp.Dispose();
        perAccount.Dispose();
    }
}
