using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs;
using PocTracker.ServiceDefaults.Database;
using PocTracker.TestSupport;
using PocTracker.Video.Film;

namespace PocTracker.Video.FunctionalTests;

/// <summary>
/// The pocs app as its Program builds it, listening on a real loopback port (Kestrel), over a
/// database of its own: the video app reaches it over HTTP as it would in production.
/// </summary>
public sealed class PocsServer(PostgresServerFixture postgres) : WebApplicationFactory<PocsEntryPoint>, IAsyncLifetime
{
    public AppDatabaseConnections Database { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>Replaces the pocs app's clock (to register POCs "in the past").</summary>
    public TimeProvider? Time { get; init; }

    public async ValueTask InitializeAsync()
    {
        Database = await postgres.NewDatabaseAsync("pocs");
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(PocsModule.AppId, Database).TrustTestTokens(PocsModule.AppId);
        if (Time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }

    /// <summary>Creates a POC as <paramref name="user"/> through the pocs API.</summary>
    public async Task<PocDto> CreateAsync(TestUser user, PocWriteRequest request)
    {
        using var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        using var response = await client.PostAsJsonAsync("/api/pocs", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PocDto>())!;
    }
}

/// <summary>
/// The video app as its Program builds it, reading POCs from <see cref="PocsServer"/> over loopback
/// HTTP, with its own database, object folder and work folder, and the <see cref="FilmGate"/> in
/// front of its film maker. <see cref="VideoHost"/> can be rebuilt on the same state (a restart).
/// </summary>
public sealed class VideoFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    public PocsServer Pocs { get; private set; } = null!;

    public VideoHost Host { get; private set; } = null!;

    public AppDatabaseConnections Database { get; private set; } = null!;

    public string ObjectsFolder { get; } = Directory.CreateTempSubdirectory("poctracker-test-objects-").FullName;

    public string WorkFolder { get; } = Directory.CreateTempSubdirectory("poctracker-test-jobs-").FullName;

    public FilmGate Gate { get; } = new();

    /// <summary>Settings for the video host on top of the usual ones.</summary>
    internal Dictionary<string, string> Settings { get; } = new() { ["Video:MaxRunningPerTenant"] = "1" };

    internal TimeProvider? Time { get; init; }

    public async ValueTask InitializeAsync()
    {
        Pocs = new PocsServer(postgres) { Time = Time };
        await Pocs.InitializeAsync();
        Database = await postgres.NewDatabaseAsync("video");
        Host = StartHost();
    }

    /// <summary>Stops the video host (gracefully, as a deployment does) and starts a new one on the same database and folders.</summary>
    public async Task RestartAsync(FilmGate gate)
    {
        await Host.DisposeAsync();
        Host = StartHost(gate);
    }

    public HttpClient ClientFor(TestUser user, string? language = null) => Host.ClientFor(user, language);

    public NpgsqlConnection AdminConnection()
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres.Server.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(Database.App).Database };
        return new NpgsqlConnection(builder.ConnectionString);
    }

    /// <summary>
    /// Polls the video until <paramref name="done"/> holds (long polling, 30 s at most per ask), for up to
    /// <paramref name="timeout"/> (3 minutes by default). The deadline only says when to give up on a video that
    /// will never end: a real film (ffmpeg and espeak-ng) took up to about 85 s while the test run had another
    /// project beside this one on 2 cores, so a 90 s default came within seconds of failing a healthy run.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(TestUser user, Guid id, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        using var client = ClientFor(user);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var video = await client.GetFromJsonAsync<JsonElement>($"/api/videos/{id}?wait=2");
            if (done(video))
            {
                return video;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting; last status: {video}");
        }
    }

    /// <summary>
    /// Waits (up to 30 s) until video <paramref name="id"/>'s job run is marked ended in <c>job_runs</c>.
    /// The API says a video ended as soon as its last step wrote it; the runner removes the job's work
    /// folder after that and only then marks the run ended, so this is the signal that its folder is gone.
    /// </summary>
    public async Task WaitForJobRunToEndAsync(TestUser owner, Guid id)
    {
        await using var connection = AdminConnection();
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select status from job_runs where tenant_id = @tenant and id = @id", connection);
        query.Parameters.AddWithValue("tenant", owner.TenantId);
        query.Parameters.AddWithValue("id", id);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((string?)await query.ExecuteScalarAsync() is not ("completed" or "failed"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Video {id}'s job run had not ended after 30 s.");
            await Task.Delay(TimeSpan.FromMilliseconds(50)); // polling the row that is the signal
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Pocs.DisposeAsync();
        Directory.Delete(ObjectsFolder, recursive: true);
        Directory.Delete(WorkFolder, recursive: true);
    }

    private VideoHost StartHost(FilmGate? gate = null)
    {
        var host = new VideoHost(this, gate ?? Gate);
        _ = host.Server;
        return host;
    }
}

/// <summary>One video host process.</summary>
public sealed class VideoHost(VideoFixture fixture, FilmGate gate) : WebApplicationFactory<VideoEntryPoint>
{
    public HttpClient ClientFor(TestUser user, string? language = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.For(user, audiences: [VideoModule.AppId, PocsModule.AppId]));
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestDatabase(VideoModule.AppId, fixture.Database).TrustTestTokens(VideoModule.AppId);
        builder.UseSetting("Invocation:pocs:BaseAddress", fixture.Pocs.Address.ToString());
        builder.UseSetting("Storage:LocalPath", fixture.ObjectsFolder);
        builder.UseSetting("Jobs:WorkRoot", fixture.WorkFolder);
        builder.UseSetting("Jobs:Lease", "00:00:05");
        foreach (var (key, value) in fixture.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (fixture.Time is { } time)
            {
                services.AddSingleton(time);
            }

            var film = services.LastOrDefault(d => d.ServiceType == typeof(IYearFilmMaker));
            if (film is not null)
            {
                services.Remove(film);
            }

            services.AddSingleton<IYearFilmMaker>(sp => new GatedFilmMaker(gate, film is null ? null : Resolve(sp, film)));
        });
    }

    private static IYearFilmMaker Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IYearFilmMaker)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
