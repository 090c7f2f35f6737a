using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.ServiceDefaults.Events;

namespace PocTracker.ServiceDefaults.Invocation;

/// <summary>
/// The service-invocation port: an <see cref="HttpClient"/> that reaches another app by its app id,
/// with the caller's access token forwarded (apps trust the user's token, not each other).
/// <list type="bullet">
/// <item>Under a Dapr sidecar: the sidecar's HTTP port with the <c>dapr-app-id</c> header, so the
/// path stays the app's own route (<c>/api/pocs/...</c>) and Dapr adds mTLS, retries and tracing.</item>
/// <item><c>Invocation:{appId}:BaseAddress</c> when set (an app deployed on its own without Dapr).</item>
/// <item>Otherwise the same process's own HTTP address: in Standalone every app is a module of one
/// host, and the call still goes over real HTTP through the whole pipeline (auth, tenancy, problems).</item>
/// </list>
/// </summary>
public static class AppInvocation
{
    /// <summary>Registers <typeparamref name="TClient"/> as a typed client of app <paramref name="appId"/>.</summary>
    public static IHttpClientBuilder AddAppClient<TClient>(this IServiceCollection services, string appId)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        services.AddHttpContextAccessor();
        services.AddTransient<ForwardCallerTokenHandler>();
        return services.AddHttpClient<TClient>((provider, client) =>
            {
                var configuration = provider.GetRequiredService<IConfiguration>();
                var dapr = provider.GetRequiredService<DaprSettings>();
                if (dapr.SidecarConfigured)
                {
                    client.BaseAddress = new Uri($"http://127.0.0.1:{configuration["DAPR_HTTP_PORT"] ?? "3500"}/");
                    client.DefaultRequestHeaders.Add("dapr-app-id", appId);
                    if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } daprToken)
                    {
                        client.DefaultRequestHeaders.Add("dapr-api-token", daprToken);
                    }
                }
                else
                {
                    client.BaseAddress = configuration[$"Invocation:{appId}:BaseAddress"] is { Length: > 0 } configured
                        ? new Uri(configured.EndsWith('/') ? configured : configured + "/")
                        : OwnAddress(provider.GetRequiredService<IServer>());
                }

                // Reports stream for as long as there are rows; the caller's cancellation ends them.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<ForwardCallerTokenHandler>();
    }

    /// <summary>The address this process listens on, as a loopback URL another module can call.</summary>
    internal static Uri OwnAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server exposes no addresses: set Invocation:{appId}:BaseAddress.");
        var address = addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("The server is not listening yet: apps invoke each other only while serving requests.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        uri.Path = "/";
        return uri.Uri;
    }
}

/// <summary>Forwards the bearer token of the request being served, so the called app sees the same user and tenant.</summary>
internal sealed class ForwardCallerTokenHandler(IHttpContextAccessor http) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null
            && http.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } header
            && AuthenticationHeaderValue.TryParse(header, out var authorization)
            && string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = authorization;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
