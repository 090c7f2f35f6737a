using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace PocTracker.Identity.Clients;

/// <summary>
/// RFC 8252 §7.3 for native tools: a redirect URI registered on the loopback address without a port
/// (<c>http://127.0.0.1/callback</c>) also matches the same URI on any port the tool happens to
/// listen on (<c>http://127.0.0.1:53123/callback</c>). Everything else is matched exactly, as
/// OpenIddict does.
/// </summary>
internal sealed class LoopbackRedirectApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateRedirectUriAsync(application, uri, cancellationToken))
        {
            return true;
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var requested) || !IsLoopbackHttp(requested) || requested.IsDefaultPort)
        {
            return false;
        }

        var withoutPort = new UriBuilder(requested) { Port = -1 }.Uri;
        foreach (var registered in await GetRedirectUrisAsync(application, cancellationToken))
        {
            if (Uri.TryCreate(registered, UriKind.Absolute, out var candidate) && IsLoopbackHttp(candidate) && candidate.IsDefaultPort &&
                Uri.Compare(candidate, withoutPort, UriComponents.AbsoluteUri, UriFormat.UriEscaped, StringComparison.Ordinal) == 0)
            {
                return true;
            }
        }

        return false;
    }

    // Literal loopback IPs only: "localhost" can be re-pointed by the machine's resolver (RFC 8252 §8.3).
    private static bool IsLoopbackHttp(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp && (uri.Host == "127.0.0.1" || uri.Host == "[::1]");
}
