using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// After <see cref="AttemptsPerLockout"/> wrong passwords an account locks for 1 minute, then 2, 4,
/// 8… up to a day, and the level resets after a successful login or a day without lockouts. So an
/// attacker gets at most 30 guesses in the first hour (5+5+5+5+5+5 before the 32-minute lock) and
/// fewer each hour after — under the 100 per hour ASVS allows — while a person who mistypes a few
/// times waits a minute. Every password check goes through it by way of <see cref="AccountPasswords"/>; the
/// login's second step and the two-step API count wrong codes here too.
/// </summary>
internal sealed class GrowingLockout(UserManager<TenantAccount> accounts, IdentityDb db, TimeProvider time)
{
    public const int AttemptsPerLockout = 5;
    private static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestLockout = TimeSpan.FromDays(1);
    private static readonly TimeSpan LevelMemory = TimeSpan.FromDays(1);

    public bool IsLockedOut(TenantAccount account) => account.LockoutEnd is { } end && end > time.GetUtcNow();

    /// <summary>Counts a failure; returns true when it locked the account (or another attempt just had).</summary>
    public Task<bool> RecordFailureAsync(TenantAccount account) => UnderRowLockAsync(account, () =>
    {
        var now = time.GetUtcNow();
        if (IsLockedOut(account))
        {
            return true; // a parallel attempt locked it meanwhile; while locked, attempts are refused, not counted
        }

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

        return locked;
    });

    public async Task RecordSuccessAsync(TenantAccount account)
    {
        if (account.AccessFailedCount == 0 && account.LockoutLevel == 0)
        {
            return;
        }

        await UnderRowLockAsync(account, () =>
        {
            account.AccessFailedCount = 0;
            account.LockoutLevel = 0;
            return true;
        });
    }

    /// <summary>
    /// Applies a change to the account's lockout state as stored now, under the row's lock. Parallel attempts
    /// (six wrong passwords sent at once) each read the same count: saved through Identity's concurrency stamp,
    /// all but one were lost, and the loser's account stayed modified in the context, so the audit event saved
    /// next failed with a concurrency exception (a 500). Locked, re-read and saved in turn, every attempt counts.
    /// </summary>
    private async Task<T> UnderRowLockAsync<T>(TenantAccount account, Func<T> change)
    {
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await using (transaction)
        {
            await db.Database.ExecuteSqlAsync($"select 1 from accounts where id = {account.Id} for update");
            await db.Entry(account).ReloadAsync();
            var result = change();
            var saved = await accounts.UpdateAsync(account);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException("Saving the lockout state failed: " + string.Join("; ", saved.Errors.Select(e => e.Code)));
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync();
            }

            return result;
        }
    }
}
