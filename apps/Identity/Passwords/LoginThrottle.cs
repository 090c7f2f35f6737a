using System.Globalization;
using System.Threading.RateLimiting;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// Throttles password attempts with .NET's rate limiter, per client IP (by default a sliding window of
/// 30 a minute: enough for an office behind one NAT) and per account name tried (10 a minute),
/// before any password is checked: the login page's and every route's that asks for the password again (all through
/// <see cref="AccountPasswords"/>, one budget), and the second step's codes (a budget of their own). Lockout
/// (<see cref="GrowingLockout"/>) bounds guesses per account over hours; this bounds bursts, including against
/// accounts that do not exist.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> perIp;
    private readonly PartitionedRateLimiter<string> perAccount;

    public LoginThrottle(IdentitySettings settings)
        : this(settings, TimeSpan.FromMinutes(1))
    {
    }

    /// <summary>
    /// With another window than a minute: only for tests, which must not see a budget refill while a slow machine
    /// runs them (the limiter's clock cannot be replaced).
    /// </summary>
    internal LoginThrottle(IdentitySettings settings, TimeSpan window)
    {
        Window = window;
        perIp = Limiter(settings.LoginAttemptsPerIpPerMinute, window);
        perAccount = Limiter(settings.LoginAttemptsPerAccountPerMinute, window);
    }

    /// <summary>How long a spent budget takes to come back: the <c>Retry-After</c> of a refused attempt.</summary>
    public TimeSpan Window { get; }

    /// <summary><see cref="Window"/> in whole seconds, as <c>Retry-After</c> carries it.</summary>
    public string RetryAfter => ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static PartitionedRateLimiter<string> Limiter(int permitsPerWindow, TimeSpan window) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitsPerWindow, Window = window, SegmentsPerWindow = 6, QueueLimit = 0,
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
