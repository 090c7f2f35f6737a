using System.Net.Http.Headers;

namespace PocTracker.Sdk.SignIn;

/// <summary>
/// Puts the caller's access token on every request to the PocTracker server, and on nothing else: a report's or a
/// video's download link may point at object storage (a presigned S3 URL), which must not see the token (and refuses a
/// request that carries one). Put it under the <see cref="HttpClient"/> the SDK's clients are given, instead of a
/// default Authorization header. The token is asked for at every request, so a refreshed token is used.
/// </summary>
public sealed class AccessTokenHandler : DelegatingHandler
{
    private readonly Uri server;
    private readonly Func<CancellationToken, ValueTask<string>> accessToken;

    /// <param name="serverAddress">The server's origin (Standalone, or the gateway); requests elsewhere go without the token.</param>
    /// <param name="accessToken">The current access token.</param>
    public AccessTokenHandler(Uri serverAddress, Func<CancellationToken, ValueTask<string>> accessToken)
        : this(serverAddress, accessToken, new HttpClientHandler())
    {
    }

    /// <inheritdoc cref="AccessTokenHandler(Uri, Func{CancellationToken, ValueTask{string}})"/>
    /// <param name="serverAddress">The server's origin.</param>
    /// <param name="accessToken">The current access token.</param>
    /// <param name="inner">What sends the requests.</param>
    public AccessTokenHandler(Uri serverAddress, Func<CancellationToken, ValueTask<string>> accessToken, HttpMessageHandler inner)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(serverAddress);
        ArgumentNullException.ThrowIfNull(accessToken);
        server = serverAddress;
        this.accessToken = accessToken;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null && request.RequestUri is { IsAbsoluteUri: true } uri && IsServer(uri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await accessToken(cancellationToken).ConfigureAwait(false));
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private bool IsServer(Uri uri) =>
        Uri.Compare(uri, server, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
