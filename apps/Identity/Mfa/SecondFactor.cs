using Microsoft.AspNetCore.Identity;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Mfa;

/// <summary>How a second factor was proven.</summary>
internal enum SecondFactorMethod
{
    None,
    Totp,
    RecoveryCode,
}

/// <summary>
/// Checks a second-factor code for an account that has two-step verification on, and uses it up:
/// a TOTP code's time step is remembered, a recovery code is removed. The account is saved through
/// Identity's concurrency stamp, so two requests racing with the same code cannot both win.
/// </summary>
internal sealed class SecondFactor(TotpAuthenticator totp, UserManager<TenantAccount> accounts)
{
    public async Task<SecondFactorMethod> VerifyAsync(TenantAccount account, string? code)
    {
        if (!account.HasTwoStepVerification)
        {
            return SecondFactorMethod.None;
        }

        if (totp.Verify(account.TotpSecret!, code, account.TotpLastStep) is { } step)
        {
            account.TotpLastStep = step;
            return await SaveAsync(account) ? SecondFactorMethod.Totp : SecondFactorMethod.None;
        }

        if (RecoveryCodes.Match(account.RecoveryCodes, code) is { } used)
        {
            account.RecoveryCodes = [.. account.RecoveryCodes.Where(hash => hash != used)];
            return await SaveAsync(account) ? SecondFactorMethod.RecoveryCode : SecondFactorMethod.None;
        }

        return SecondFactorMethod.None;
    }

    private async Task<bool> SaveAsync(TenantAccount account) => (await accounts.UpdateAsync(account)).Succeeded;
}
