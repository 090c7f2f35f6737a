using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PocTracker.ServiceDefaults.Events;

namespace PocTracker.ServiceDefaults.Invocation;

/// <summary>
/// The service-invocation port: an <see cref="HttpClient"/> that reaches another app by its app id,
/// with the caller's access token forwarded (apps trust the user's token, not each other).
/// <list type="bullet">
/// <item>Under a Dapr sidecar: the sidecar's HTTP port with the <c>dapr-app-id</c> header, so the
/// path stays the app's own route (<c>/api/pocs/...</c>) and Dapr adds mTLS and tracing.</item>
/// <item><c>Invocation:{appId}:BaseAddress</c> when set (an app deployed on its own without Dapr).</item>
/// <item>Otherwise the same process's own HTTP address: in Standalone every app is a module of one
/// host, and the call still goes over real HTTP through the whole pipeline (auth, tenancy, problems).</item>
/// </list>
/// Every client has the standard resilience handler with <see cref="AppClientTimeouts"/>: a GET that fails
/// transiently (a 5xx, 408, 429, no connection, a try that timed out) is tried again, other methods never (a POST
/// that failed may have been done); when no answer comes in time, or the circuit is open, the call throws
/// <see cref="HttpRequestException"/>, as when the app cannot be reached (docs/architecture.md, "Ports between apps").
/// </summary>
public static class AppInvocation
{
    /// <summary>Registers <typeparamref name="TClient"/> as a typed client of app <paramref name="appId"/>.</summary>
    public static IHttpClientBuilder AddAppClient<TClient>(this IServiceCollection services, string appId)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(appId);

        // In Standalone several modules register the same SDK client (reports, video and the dojo: PocsClient): one
        // pipeline, not a resilience handler per module wrapped around each other (retries of retries).
        if (services.Select(d => d.ImplementationInstance).OfType<AppClientRegistration>().FirstOrDefault(r => r.Client == typeof(TClient)) is { } registered)
        {
            return registered.AppId == appId
                ? services.AddHttpClient<TClient>()
                : throw new InvalidOperationException($"{typeof(TClient).Name} already calls the {registered.AppId} app; it cannot call {appId} too.");
        }

        services.AddSingleton(new AppClientRegistration(typeof(TClient), appId));
        services.AddHttpContextAccessor();
        services.AddTransient<ForwardCallerTokenHandler>();
        services.AddOptions<AppClientTimeouts>(appId).BindConfiguration($"Invocation:{appId}:Timeouts");
        var builder = services.AddHttpClient<TClient>((provider, client) =>
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

                client.Timeout = Timeouts(provider, appId).WholeCall;
            })
            .AddHttpMessageHandler<ForwardCallerTokenHandler>()
            .AddHttpMessageHandler(provider => new ReadTimeoutHandler(Timeouts(provider, appId).Read))
            .AddHttpMessageHandler(() => new NoAnswerHandler(appId));
        builder.AddStandardResilienceHandler().Configure((options, provider) =>
        {
            var timeouts = Timeouts(provider, appId);
            options.AttemptTimeout.Timeout = timeouts.Attempt;
            options.TotalRequestTimeout.Timeout = timeouts.Total;
            // The breaker must see at least two tries' worth of time (the options' own rule).
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(options.CircuitBreaker.SamplingDuration.Ticks, 2 * timeouts.Attempt.Ticks));
            options.Retry.DisableForUnsafeHttpMethods();
        });
        return builder;
    }

    private static AppClientTimeouts Timeouts(IServiceProvider provider, string appId) =>
        provider.GetRequiredService<IOptionsMonitor<AppClientTimeouts>>().Get(appId);

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

/// <summary>That <see cref="Client"/> was registered as a client of app <see cref="AppId"/>.</summary>
internal sealed record AppClientRegistration(Type Client, string AppId);

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
