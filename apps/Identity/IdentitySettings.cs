namespace PocTracker.Identity;

/// <summary>
/// The identity app's settings (section <c>Identity</c>): its public issuer URL, whether it insists
/// on HTTPS (false only on loopback), and the redirect URIs of its first-party clients.
/// </summary>
public sealed record IdentitySettings(
    Uri Issuer,
    bool RequireHttps,
    IReadOnlyList<Uri> WebRedirectUris,
    IReadOnlyList<Uri> WebPostLogoutRedirectUris,
    IReadOnlyList<Uri> MobileRedirectUris,
    string? ServicesClientSecret,
    TimeSpan RefreshTokenReuseLeeway,
    int LoginAttemptsPerIpPerMinute,
    int LoginAttemptsPerAccountPerMinute)
{
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
            Uris("WebRedirectUris", new Uri(issuer, "authentication/login-callback").ToString()),
            Uris("WebPostLogoutRedirectUris", issuer.ToString()),
            Uris("MobileRedirectUris", "br.dev.poctracker://callback", "https://app.poctracker.dev/mobile/callback"),
            section["ServicesClientSecret"],
            // A client that lost the answer to a refresh may retry for this long; after it, reuse revokes the family.
            section.GetValue("RefreshTokenReuseLeeway", TimeSpan.FromSeconds(5)),
            section.GetValue("LoginAttemptsPerIpPerMinute", 30),
            section.GetValue("LoginAttemptsPerAccountPerMinute", 10));
    }
}
