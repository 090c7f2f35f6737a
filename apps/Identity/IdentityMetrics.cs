using System.Diagnostics.Metrics;

namespace PocTracker.Identity;

/// <summary>
/// The identity app's own metrics (meter <c>PocTracker.Identity</c>): login attempts by outcome, accounts locked out,
/// refresh tokens presented again after their redemption. Tags never name a tenant or an account.
/// </summary>
internal sealed class IdentityMetrics : IDisposable
{
    public const string Name = "PocTracker.Identity";

    private readonly Meter meter;
    private readonly Counter<long> logins;
    private readonly Counter<long> lockouts;
    private readonly Counter<long> refreshTokenReuses;

    public IdentityMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(Name);
        logins = meter.CreateCounter<long>("poctracker.identity.logins", unit: "{attempt}",
            description: "Login attempts, by outcome: succeeded, failed (unknown account, wrong password, deactivated), locked_out (the account was locked), throttled, second_factor_needed.");
        lockouts = meter.CreateCounter<long>("poctracker.identity.lockouts", unit: "{lockout}",
            description: "Accounts locked by a wrong password (on any route that checks one).");
        refreshTokenReuses = meter.CreateCounter<long>("poctracker.identity.refresh_token.reuses", unit: "{token}",
            description: "Redeemed refresh tokens presented again after the leeway: their authorizations were revoked.");
    }

    public void Login(string outcome) => logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void LockedOut() => lockouts.Add(1);

    public void RefreshTokenReused() => refreshTokenReuses.Add(1);

    public void Dispose() => meter.Dispose();

    /// <summary>The <c>outcome</c> tag's values of <c>poctracker.identity.logins</c>.</summary>
    public static class LoginOutcomes
    {
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        public const string LockedOut = "locked_out";
        public const string Throttled = "throttled";
        public const string SecondFactorNeeded = "second_factor_needed";
    }
}
