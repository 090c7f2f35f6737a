using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using PocTracker.TestSupport;
using WireMock.Server;

namespace PocTracker.Pocs.FunctionalTests.GitHub;

/// <summary>The pocs app with GitHub's API at a WireMock server (<see cref="FakeGitHub"/>), and a small user-import cap.</summary>
public class GitHubFixture(PostgresServerFixture postgres) : PocsApiFixture(postgres)
{
    /// <summary>How many repositories one user import looks at here (GitHub:MaxUserRepositories).</summary>
    public const int UserImportCap = 6;

    // Started when the fixture is made, before the host reads its address.
    public WireMockServer GitHub { get; } = WireMockServer.Start();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("GitHub:ApiBaseUrl", GitHub.Url + "/");
        builder.UseSetting("GitHub:Token", "ghp_test-token-that-must-not-be-logged");
        builder.UseSetting("GitHub:MaxUserRepositories", UserImportCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GitHub.Stop();
        GitHub.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// <see cref="GitHubFixture"/> with a low GitHub:SynchronousImportLimit, so a user with a handful of repositories is
/// imported as a job (on the local job runner, as in Standalone).
/// </summary>
public sealed class GitHubJobFixture(PostgresServerFixture postgres) : GitHubFixture(postgres)
{
    /// <summary>Users with more public repositories than this are imported as a job here.</summary>
    public const int SynchronousImportLimit = 3;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        builder.UseSetting("GitHub:SynchronousImportLimit", SynchronousImportLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The pocs app with GitHub's API at a local port nothing listens on: every call is refused.</summary>
public sealed class UnreachableGitHubFixture(PostgresServerFixture postgres) : PocsApiFixture(postgres)
{
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("GitHub:ApiBaseUrl", $"http://127.0.0.1:{ClosedPort()}/");

    /// <summary>A port the system just handed out and that was closed again, so a connection to it is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
