using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Invocation;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>
/// <see cref="AppInvocation.AddAppClient{TClient}"/> against another app on a real Kestrel: what is tried again,
/// what is not, and how an app that does not answer (in time) ends a call.
/// </summary>
public sealed class AppClientTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_get_that_meets_a_transient_503_is_tried_again_and_succeeds()
    {
        var calls = 0;
        await using var other = await KestrelTestApp.StartAsync(_ => { }, app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("fine")));
        await using var services = ClientOf(other);

        using var response = await services.GetRequiredService<OtherApp>().Http.GetAsync("flaky", Cancel);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fine", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_post_that_meets_a_503_is_not_tried_again()
    {
        var calls = 0;
        await using var other = await KestrelTestApp.StartAsync(_ => { }, app => app.MapPost("/save", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }));
        await using var services = ClientOf(other);

        using var response = await services.GetRequiredService<OtherApp>().Http.PostAsync("save", new StringContent("note"), Cancel);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task An_app_that_never_answers_ends_the_call_at_the_total_timeout_as_an_HttpRequestException()
    {
        await using var other = await KestrelTestApp.StartAsync(_ => { }, app => app.MapGet("/hung", async (HttpContext context) =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted)));
        await using var services = ClientOf(other, attempt: "00:00:00.500", total: "00:00:02");
        var started = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => services.GetRequiredService<OtherApp>().Http.GetAsync("hung", Cancel));

        // Not the first try's timeout (0.5 s): the GET was tried again until the total ran out.
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
        Assert.Contains("other app did not answer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_stalls_fails_its_read_at_the_read_timeout()
    {
        await using var other = await KestrelTestApp.StartAsync(_ => { }, app => app.MapGet("/stalls", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("first line\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        await using var services = ClientOf(other, read: "00:00:01");
        using var response = await services.GetRequiredService<OtherApp>().Http.GetAsync("stalls", HttpCompletionOption.ResponseHeadersRead, Cancel);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));

        Assert.Equal("first line", await reader.ReadLineAsync(Cancel));
        var stalled = await Assert.ThrowsAsync<IOException>(async () => await reader.ReadLineAsync(Cancel));
        Assert.IsType<TimeoutException>(stalled.InnerException);
    }

    [Fact]
    public async Task A_stream_that_keeps_coming_may_last_longer_than_every_timeout_of_the_call()
    {
        await using var other = await KestrelTestApp.StartAsync(_ => { }, app => app.MapGet("/slow", async (HttpContext context) =>
        {
            // A large export read at its reader's pace: lines keep coming, well past the call's timeouts.
            for (var line = 0; line < 14; line++)
            {
                await context.Response.WriteAsync($"line {line}\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(TimeSpan.FromMilliseconds(500), context.RequestAborted);
            }
        }));
        // Headers within 3 s, the whole call (the HttpClient's timeout) 5 s: the stream takes 7 s.
        await using var services = ClientOf(other, attempt: "00:00:02", total: "00:00:03", read: "00:00:02");
        using var response = await services.GetRequiredService<OtherApp>().Http.GetAsync("slow", HttpCompletionOption.ResponseHeadersRead, Cancel);

        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(14, body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_client_registered_by_several_modules_gets_one_pipeline_and_only_for_one_app()
    {
        var once = new ServiceCollection();
        once.AddAppClient<OtherApp>("other");
        var twice = new ServiceCollection();
        twice.AddAppClient<OtherApp>("other");
        twice.AddAppClient<OtherApp>("other");

        Assert.True(HandlerSetups(once) > 0);
        Assert.Equal(HandlerSetups(once), HandlerSetups(twice));
        Assert.Throws<InvalidOperationException>(() => twice.AddAppClient<OtherApp>("another"));

        static int HandlerSetups(IServiceCollection services)
        {
            using var provider = services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).BuildServiceProvider();
            return provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(nameof(OtherApp)).HttpMessageHandlerBuilderActions.Count;
        }
    }

    private static ServiceProvider ClientOf(KestrelTestApp other, string? attempt = null, string? total = null, string? read = null)
    {
        var settings = new Dictionary<string, string?> { ["Invocation:other:BaseAddress"] = other.BaseAddress.ToString() };
        if (attempt is not null)
        {
            settings["Invocation:other:Timeouts:Attempt"] = attempt;
        }

        if (total is not null)
        {
            settings["Invocation:other:Timeouts:Total"] = total;
        }

        if (read is not null)
        {
            settings["Invocation:other:Timeouts:Read"] = read;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton(new DaprSettings(SidecarConfigured: false, PubSubName: "pubsub"))
            .AddLogging();
        services.AddAppClient<OtherApp>("other");
        return services.BuildServiceProvider();
    }

    /// <summary>A typed client of the app "other".</summary>
    private sealed class OtherApp(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }
}
