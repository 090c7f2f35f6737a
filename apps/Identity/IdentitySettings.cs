namespace PocTracker.Identity;

/// <summary>
/// The identity app's settings (section <c>Identity</c>): its public issuer URL, whether it insists
/// on HTTPS (false only on loopback), whether its cookies are <c>Secure</c>, the redirect URIs of its
/// first-party clients, and its rate limits. <c>SecureCookiesOnly</c> marks the login session and its helper
/// cookies <c>Secure</c> (never sent over plain HTTP): true unless the issuer is a plain-HTTP loopback address
/// (Standalone and tests on <c>http://localhost</c>), whatever <c>RequireHttps</c> says, since browsers only
/// ever reach the app at the issuer's address.
/// </summary>
public sealed record IdentitySettings(
    Uri Issuer,
    bool RequireHttps,
    bool SecureCookiesOnly,
    IReadOnlyList<Uri> WebRedirectUris,
    IReadOnlyList<Uri> WebPostLogoutRedirectUris,
    IReadOnlyList<Uri> MobileRedirectUris,
    string? ServicesClientSecret,
    TimeSpan RefreshTokenReuseLeeway,
    int LoginAttemptsPerIpPerMinute,
    int LoginAttemptsPerAccountPerMinute,
    int TokenRequestsPerIpPerMinute,
    int TokenRequestsPerClientPerMinute,
    int InvitationAcceptancesPerIpPerMinute,
    int SignUpsPerIpPerMinute,
    int PasswordChecksPerIpPerMinute,
    int PasswordResetRequestsPerIpPerMinute,
    int PasswordResetRequestsPerAccountPerHour,
    int PasswordResetConfirmationsPerIpPerMinute)
{
    /// <summary>
    /// The longest refresh-token reuse leeway allowed: long enough for a client whose answer got lost to
    /// retry at once, short enough that a stolen, already redeemed token is of no use (RFC 9700 §4.14.2).
    /// </summary>
    public static readonly TimeSpan MaxRefreshTokenReuseLeeway = TimeSpan.FromSeconds(2);

    public static IdentitySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Identity");
        var issuer = new Uri(section["Issuer"] ?? throw new InvalidOperationException("Identity:Issuer is required (the public URL of the identity app)."));
        IReadOnlyList<Uri> Uris(string key, params string[] defaults) =>
            [.. (section.GetSection(key).Get<string[]>() is { Length: > 0 } configured ? configured : defaults).Select(u => new Uri(u))];

        return new IdentitySettings(
            issuer,
            section.GetValue("RequireHttps", defaultValue: !issuer.IsLoopback),
            !(issuer.IsLoopback && issuer.Scheme == Uri.UriSchemeHttp),
            Uris("WebRedirectUris", new Uri(issuer, "authentication/login-callback").ToString()),
            Uris("WebPostLogoutRedirectUris", issuer.ToString()),
            Uris("MobileRedirectUris", "br.dev.poctracker://callback", "https://app.poctracker.dev/mobile/callback"),
            section["ServicesClientSecret"],
            // A client that lost the answer to a refresh may retry for this long; after it, reuse revokes the family.
            ReuseLeeway(section),
            section.GetValue("LoginAttemptsPerIpPerMinute", 30),
            section.GetValue("LoginAttemptsPerAccountPerMinute", 10),
            // Refreshes come every ~10 minutes per signed-in app: 120 a minute fits an office of ~1,000 sessions behind one NAT.
            Positive(section, "TokenRequestsPerIpPerMinute", 120),
            // A ceiling per client application (all its users together), against a client gone wrong; see docs/identity.md.
            Positive(section, "TokenRequestsPerClientPerMinute", 3000),
            // Each acceptance hashes a password (~0.1 s of a core); people accept one invitation, rarely twice.
            Positive(section, "InvitationAcceptancesPerIpPerMinute", 10),
            // Sign-up is anonymous and hashes a password: a few organisations a minute from one address is plenty.
            Positive(section, "SignUpsPerIpPerMinute", 10),
            // Strength feedback while typing: a debounced call per pause, a few people behind one NAT.
            Positive(section, "PasswordChecksPerIpPerMinute", 120),
            // Each request may send a mail; the per-account budget is what keeps a mailbox from being flooded.
            Positive(section, "PasswordResetRequestsPerIpPerMinute", 10),
            Positive(section, "PasswordResetRequestsPerAccountPerHour", 5),
            // Each confirmation hashes a password, like an invitation's acceptance.
            Positive(section, "PasswordResetConfirmationsPerIpPerMinute", 10));
    }

    private static TimeSpan ReuseLeeway(IConfigurationSection section)
    {
        var value = section.GetValue("RefreshTokenReuseLeeway", MaxRefreshTokenReuseLeeway);
        return value >= TimeSpan.Zero && value <= MaxRefreshTokenReuseLeeway
            ? value
            : throw new InvalidOperationException($"Identity:RefreshTokenReuseLeeway must be from 00:00:00 to {MaxRefreshTokenReuseLeeway:c} (it is {value:c}).");
    }

    private static int Positive(IConfigurationSection section, string key, int defaultValue)
    {
        var value = section.GetValue(key, defaultValue);
        return value > 0 ? value : throw new InvalidOperationException($"Identity:{key} must be a positive number (it is {value}).");
    }
}
