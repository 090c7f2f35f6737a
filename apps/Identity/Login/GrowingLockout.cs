using Microsoft.AspNetCore.Identity;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Login;

/// <summary>
/// After <see cref="AttemptsPerLockout"/> wrong passwords an account locks for 1 minute, then 2, 4,
/// 8… up to a day, and the level resets after a successful login or a day without lockouts. So an
/// attacker gets at most 30 guesses in the first hour (5+5+5+5+5+5 before the 32-minute lock) and
/// fewer each hour after — under the 100 per hour ASVS allows — while a person who mistypes a few
/// times waits a minute.
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

    /// <summary>
    /// Asks for the password again on an already signed-in request (enrolling a second factor):
    /// wrong answers count towards the same lockout as the login page, so a stolen access token
    /// cannot be used to guess the password faster than the login page allows.
    /// </summary>
    public async Task<Reauthentication> CheckPasswordAsync(TenantAccount account, string? password)
    {
        if (IsLockedOut(account))
        {
            return Reauthentication.LockedOut;
        }

        if (!string.IsNullOrEmpty(password) && await accounts.CheckPasswordAsync(account, password))
        {
            return Reauthentication.Succeeded;
        }

        return await RecordFailureAsync(account) ? Reauthentication.LockedOut : Reauthentication.WrongPassword;
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

internal enum Reauthentication
{
    Succeeded,
    WrongPassword,
    LockedOut,
}
