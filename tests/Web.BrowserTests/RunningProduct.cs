using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PocTracker.Web.BrowserTests;

/// <summary>
/// The one Standalone every browser test runs against (an assembly fixture): started once with the demo data, a mail
/// outbox and a stand-in for GitHub, because a start (PostgreSQL's initdb, every module's migrations, the demo
/// seeding) takes some 20 s on the busy 2-core test machine, and every test paid it when each class had its own
/// (docs/testing.md). Tests keep apart by data, not by process: a test that changes anything signs up an organisation
/// of its own; the demo organisation is only read, but for the dojo test's room and code note, which no other test
/// looks at.
/// </summary>
public sealed class RunningProduct : IAsyncLifetime
{
    private readonly string dataDirectory = StandaloneProcess.CreateDataDirectory();

    /// <summary>GitHub's REST API for the pocs app: GitHub's 404 for any repository a test has not given an answer for.</summary>
    public WireMockServer GitHub { get; } = WireMockServer.Start();

    public StandaloneProcess Standalone { get; private set; } = null!;

    /// <summary>Where Standalone writes the mails it sends (one <c>.eml</c> file each); tests find theirs by recipient.</summary>
    public string MailOutbox => Path.Combine(dataDirectory, "mail");

    public async ValueTask InitializeAsync()
    {
        GitHub.Given(Request.Create().WithPath("/repos/*").UsingGet()).AtPriority(10).RespondWith(Response.Create()
            .WithStatusCode(404)
            .WithHeader("Content-Type", "application/json; charset=utf-8")
            .WithHeader("x-github-api-version-selected", "2022-11-28")
            .WithBody("""{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"404"}"""));
        var settings = new Dictionary<string, string>
        {
            ["Identity__MailOutbox"] = MailOutbox,
            ["GitHub__ApiBaseUrl"] = GitHub.Url + "/",
        };
        Standalone = StandaloneProcess.Start(dataDirectory, settings, "--demo");
        await Standalone.WaitUntilListeningAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Standalone.DisposeAsync();
        StandaloneProcess.DeleteDataDirectory(dataDirectory);
        GitHub.Stop();
        GitHub.Dispose();
    }
}
