using Microsoft.AspNetCore.Identity;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Login;

/// <summary>
/// After <see cref="AttemptsPerLockout"/> wrong passwords an account locks for 1 minute, then 2, 4,
/// 8… up to a day, and the level resets after a successful login or a day without lockouts. So an
/// attacker gets at most 30 guesses in the first hour (5+5+5+5+5+5 before the 32-minute lock) and
/// fewer each hour after — under the 100 per hour ASVS allows — while a person who mistypes a few
/// times waits a minute. Every password check goes through it by way of <c>Passwords/AccountPasswords</c>; the
/// login's second step and the two-step API count wrong codes here too.
/// </summary>
internal sealed class GrowingLockout(UserManager<TenantAccount> accounts, TimeProvider time)
{
    public const int AttemptsPerLockout = 5;
    private static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestLockout = TimeSpan.FromDays(1);
    private static readonly TimeSpan LevelMemory = TimeSpan.FromDays(1);

    public bool IsLockedOut(TenantAccount account) => account.LockoutEnd is { } end && end > time.GetUtcNow();

    /// <summary>Counts a failure; returns true when it locked the account.</summary>
    public async Task<bool> RecordFailureAsync(TenantAccount account)
    {
        var now = time.GetUtcNow();
        account.AccessFailedCount++;
        var locked = account.AccessFailedCount >= AttemptsPerLockout;
        if (locked)
        {
            if (account.LastLockoutAt is { } last && now - last > LevelMemory)
            {
                account.LockoutLevel = 0;
            }

            var duration = TimeSpan.FromTicks(Math.Min(LongestLockout.Ticks, FirstLockout.Ticks << Math.Min(account.LockoutLevel, 20)));
            account.LockoutEnd = now + duration;
            account.LockoutLevel++;
            account.LastLockoutAt = now;
            account.AccessFailedCount = 0;
        }

        await accounts.UpdateAsync(account);
        return locked;
    }

    public async Task RecordSuccessAsync(TenantAccount account)
    {
        if (account.AccessFailedCount == 0 && account.LockoutLevel == 0)
        {
            return;
        }

        account.AccessFailedCount = 0;
        account.LockoutLevel = 0;
        await accounts.UpdateAsync(account);
    }
}
