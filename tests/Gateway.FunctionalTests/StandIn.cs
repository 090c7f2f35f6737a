using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>What a stand-in received: enough to tell where the gateway sent a request and how.</summary>
public sealed record ReceivedRequest(string Method, string Path, string RawTarget, string Query, IReadOnlyDictionary<string, string> Headers, bool WebSocket)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A small Kestrel server on a loopback port standing in for an app (or for a Dapr sidecar): it records every
/// request and answers with its name. Under <c>/hubs/dojo</c> it serves a SignalR hub over WebSockets only, like
/// the dojo app. Paths ending in a behaviour's name (<see cref="Behaviours"/>) answer specially.
/// </summary>
public sealed class StandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    private StandIn(string name, WebApplication app)
    {
        Name = name;
        this.app = app;
    }

    public string Name { get; }

    public Uri BaseAddress => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <summary>Special answers by the path's last segment (the default echoes who answered).</summary>
    public ConcurrentDictionary<string, RequestDelegate> Behaviours { get; } = new();

    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    public static async Task<StandIn> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        var app = builder.Build();
        var standIn = new StandIn(name, app);
        app.UseWebSockets(); // first, so the recording below sees whether a request is a WebSocket's
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            standIn.received.Enqueue(new ReceivedRequest(
                request.Method,
                request.Path.Value ?? "",
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
                request.QueryString.Value ?? "",
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                context.WebSockets.IsWebSocketRequest));
            await next(context);
        });
        app.MapHub<WhoAmIHub>("/hubs/dojo", options => options.Transports = HttpTransportType.WebSockets);
        app.Map("/{**path}", async context =>
        {
            var last = context.Request.Path.Value?.Split('/')[^1] ?? "";
            if (standIn.Behaviours.TryGetValue(last, out var behaviour))
            {
                await behaviour(context);
                return;
            }

            await context.Response.WriteAsJsonAsync(new Echo(name, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? ""));
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>The stand-in's default answer.</summary>
public sealed record Echo(string App, string Path, string Query);

/// <summary>The dojo's hub stood in for: it tells which replica a connection reached.</summary>
public sealed class WhoAmIHub(IServer server) : Hub
{
    public string WhoAmI() => server.Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}
