namespace PocTracker.Standalone.Auth;

/// <summary>
/// In Standalone the identity app is on the same host, so every module trusts it the production
/// way: issuer + OpenID Connect discovery, just over loopback. The issuer is the host's own first
/// URL unless <c>Identity:Issuer</c> says otherwise.
/// </summary>
internal static class StandaloneAuth
{
    public static Uri ConfigureSameHostIssuer(WebApplicationBuilder builder, IReadOnlyList<string> audiences)
    {
        var configured = builder.Configuration["Identity:Issuer"];
        var issuer = configured is { Length: > 0 } ? new Uri(configured) : OwnAddress(builder.Configuration["urls"]);
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Issuer"] = issuer.ToString(),
            ["Auth:Issuer"] = issuer.ToString(),
            ["Auth:Authority"] = issuer.ToString(),
            ["Auth:RequireHttpsMetadata"] = (!issuer.IsLoopback).ToString(),
        };
        for (var i = 0; i < audiences.Count; i++)
        {
            settings[$"Auth:Audiences:{i}"] = audiences[i];
        }

        builder.Configuration.AddInMemoryCollection(settings);
        return issuer;
    }

    /// <summary>The first listening URL, with a wildcard host named localhost ("http://*:5080" → "http://localhost:5080/").</summary>
    private static Uri OwnAddress(string? urls)
    {
        var first = (urls ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        first = first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }
}
