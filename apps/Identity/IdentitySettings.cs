using System.Globalization;

namespace PocTracker.Identity;

/// <summary>
/// The identity app's settings (section <c>Identity</c>): its public issuer URL, whether it insists
/// on HTTPS (false only on loopback), whether its cookies are <c>Secure</c>, the redirect URIs of its
/// first-party clients, and its rate limits. <c>SecureCookiesOnly</c> marks the login session and its helper
/// cookies <c>Secure</c> (never sent over plain HTTP): true unless the issuer is a plain-HTTP loopback address
/// (Standalone and tests on <c>http://localhost</c>), whatever <c>RequireHttps</c> says, since browsers only
/// ever reach the app at the issuer's address. <see cref="Problems"/> lists what is missing or malformed, and the
/// app refuses to start with any (<see cref="IdentitySettingsCheck"/>), as the gateway does with its settings.
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

    /// <summary>
    /// Where <see cref="Issuer"/> points while <c>Identity:Issuer</c> is missing or malformed: the settings are read
    /// while the app is being built, before it has a logger, so a bad value becomes a problem (one refusal line at start,
    /// <see cref="IdentitySettingsCheck"/>) rather than an exception with a stack trace. The app never serves with it:
    /// the check stops the start first. <c>.invalid</c> never resolves (RFC 2606).
    /// </summary>
    internal static readonly Uri UnsetIssuer = new("https://identity-issuer.invalid/");

    /// <summary>What is missing or malformed, one sentence each naming the setting; the app refuses to start with any.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public static IdentitySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var section = configuration.GetSection("Identity");
        var issuer = IssuerOf(section["Issuer"], problems);
        IReadOnlyList<Uri> Uris(string key, params string[] defaults) =>
            [.. (section.GetSection(key).Get<string[]>() is { Length: > 0 } configured ? configured : defaults)
                .Select((u, i) => Address(u, $"Identity:{key}:{i}", problems)).OfType<Uri>()];
        int Positive(string key, int defaultValue) => PositiveNumber(section, key, defaultValue, problems);

        return new IdentitySettings(
            issuer,
            RequireHttpsOf(section, !issuer.IsLoopback, problems),
            !(issuer.IsLoopback && issuer.Scheme == Uri.UriSchemeHttp),
            Uris("WebRedirectUris", new Uri(issuer, "authentication/login-callback").ToString()),
            Uris("WebPostLogoutRedirectUris", issuer.ToString()),
            Uris("MobileRedirectUris", "br.dev.poctracker://callback", "https://app.poctracker.dev/mobile/callback"),
            section["ServicesClientSecret"],
            // A client that lost the answer to a refresh may retry for this long; after it, reuse revokes the family.
            ReuseLeeway(section, problems),
            Positive("LoginAttemptsPerIpPerMinute", 30),
            Positive("LoginAttemptsPerAccountPerMinute", 10),
            // Refreshes come every ~10 minutes per signed-in app: 120 a minute fits an office of ~1,000 sessions behind one NAT.
            Positive("TokenRequestsPerIpPerMinute", 120),
            // A ceiling per client application (all its users together), against a client gone wrong; see docs/identity.md.
            Positive("TokenRequestsPerClientPerMinute", 3000),
            // Each acceptance hashes a password (~0.1 s of a core); people accept one invitation, rarely twice.
            Positive("InvitationAcceptancesPerIpPerMinute", 10),
            // Sign-up is anonymous and hashes a password: a few organisations a minute from one address is plenty.
            Positive("SignUpsPerIpPerMinute", 10),
            // Strength feedback while typing: a debounced call per pause, a few people behind one NAT.
            Positive("PasswordChecksPerIpPerMinute", 120),
            // Each request may send a mail; the per-account budget is what keeps a mailbox from being flooded.
            Positive("PasswordResetRequestsPerIpPerMinute", 10),
            Positive("PasswordResetRequestsPerAccountPerHour", 5),
            // Each confirmation hashes a password, like an invitation's acceptance.
            Positive("PasswordResetConfirmationsPerIpPerMinute", 10))
        {
            Problems = problems,
        };
    }

    private static Uri IssuerOf(string? configured, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            problems.Add("Identity:Issuer is not set: it must be the identity app's public URL, the address browsers and the other apps " +
                "reach it at and the issuer of its tokens (e.g. https://identity.example.com/; Auth:Issuer of the other apps is the same); " +
                "set it in the environment (Identity__Issuer) or the secret store; docs/operations.md.");
            return UnsetIssuer;
        }

        if (Uri.TryCreate(configured, UriKind.Absolute, out var issuer) && (issuer.Scheme == Uri.UriSchemeHttps || issuer.Scheme == Uri.UriSchemeHttp))
        {
            return issuer;
        }

        problems.Add($"Identity:Issuer must be the identity app's public URL, an absolute http(s) address such as https://identity.example.com/; it is '{configured}'.");
        return UnsetIssuer;
    }

    private static Uri? Address(string configured, string key, List<string> problems)
    {
        if (Uri.TryCreate(configured, UriKind.Absolute, out var address))
        {
            return address;
        }

        problems.Add($"{key} must be an absolute URI (e.g. https://app.example.com/authentication/login-callback); it is '{configured}'.");
        return null;
    }

    private static bool RequireHttpsOf(IConfigurationSection section, bool defaultValue, List<string> problems)
    {
        if (section["RequireHttps"] is not { Length: > 0 } configured)
        {
            return defaultValue;
        }

        if (bool.TryParse(configured, out var value))
        {
            return value;
        }

        problems.Add($"Identity:RequireHttps must be true or false; it is '{configured}'.");
        return defaultValue;
    }

    private static TimeSpan ReuseLeeway(IConfigurationSection section, List<string> problems)
    {
        var configured = section["RefreshTokenReuseLeeway"];
        if (configured is not { Length: > 0 })
        {
            return MaxRefreshTokenReuseLeeway;
        }

        if (TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero && value <= MaxRefreshTokenReuseLeeway)
        {
            return value;
        }

        problems.Add($"Identity:RefreshTokenReuseLeeway must be from 00:00:00 to {MaxRefreshTokenReuseLeeway:c}; it is '{configured}'.");
        return MaxRefreshTokenReuseLeeway;
    }

    private static int PositiveNumber(IConfigurationSection section, string key, int defaultValue, List<string> problems)
    {
        var configured = section[key];
        if (configured is not { Length: > 0 })
        {
            return defaultValue;
        }

        if (int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        problems.Add($"Identity:{key} must be a positive whole number; it is '{configured}'.");
        return defaultValue;
    }
}
