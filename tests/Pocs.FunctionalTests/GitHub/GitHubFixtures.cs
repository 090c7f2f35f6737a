using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using PocTracker.TestSupport;
using WireMock.Server;

namespace PocTracker.Pocs.FunctionalTests.GitHub;

/// <summary>The pocs app with GitHub's API at a WireMock server (<see cref="FakeGitHub"/>), and a small user-import cap.</summary>
public sealed class GitHubFixture(PostgresServerFixture postgres) : PocsApiFixture(postgres)
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
