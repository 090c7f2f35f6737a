using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PocTracker.Standalone.FunctionalTests.Fuzz;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PocTracker.Standalone.FunctionalTests;

/// <summary>The tests that share one running demo host (<see cref="DemoHost"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DemoHostCollection : ICollectionFixture<DemoHost>
{
    public const string Name = "Demo host";
}

/// <summary>
/// Standalone with the demo data as a real process, its demo owner and member logged in through the
/// login page, and a few things of theirs made (a POC, a code note, a room, an invitation, a finished
/// report job) so requests can name what exists. Videos are made one at a time, silent and with the
/// fastest encoder preset, so what requests start does not load the test machine more than it must.
/// </summary>
public sealed partial class DemoHost : IAsyncLifetime
{
    private readonly string dataDirectory = StandaloneProcess.CreateDataDirectory();

    // GitHub for the pocs app's GitHub routes (apps/Pocs/GitHub): a stand-in that knows no repository and no user, as
    // GitHub answers them (404), so the fuzz test's well-formed URLs and logins get a 404 problem, never the 503 of an
    // unreachable GitHub, and the test machine needs no network. Its calls get a minute (GitHub:Timeout, 10 s in
    // production): on a loaded test machine the stand-in once took more than 10 s to answer, and the fuzz test then saw
    // the 503 that a GitHub slower than the limit rightly gets (GitHub's 503s are tested in Pocs.FunctionalTests/GitHub).
    private readonly WireMockServer gitHub = StartGitHub();
    private StandaloneProcess process = null!;

    public Uri BaseAddress => process.BaseAddress;

    /// <summary>Everything the host wrote to standard output so far (JSON lines).</summary>
    public string Output => process.Output;

    /// <summary>Standalone's OpenAPI document: every app's routes.</summary>
    public JsonElement ApiDocument { get; private set; }

    internal FuzzKnowns Knowns { get; private set; } = null!;

    internal IReadOnlyList<FuzzTarget> Targets { get; private set; } = [];

    public string OwnerToken => Knowns.Owner.AccessToken;

    /// <summary>The owner's token with the scopes the README's <c>scripts/token.sh</c> asks for: every API's but the dojo's.</summary>
    public string ReadmeToken { get; private set; } = "";

    /// <summary>How long the start took: the host (with PostgreSQL, migrations and the demo data), the logins, the rest.</summary>
    public string StartTimes { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mail = Path.Combine(dataDirectory, "mail");
        process = StandaloneProcess.Start(dataDirectory, "--demo", "--Video:MaxRunningPerTenant=1", "--Video:Film:Narrate=false", "--Video:Film:Preset=ultrafast", $"--Identity:MailOutbox={mail}", $"--GitHub:ApiBaseUrl={gitHub.Url}/", "--GitHub:Timeout=00:01:00");
        await process.WaitUntilListeningAsync();
        var listening = clock.Elapsed;

        var owner = await CodeFlowLogin.LogInAsync(BaseAddress, "demo", "ana@demo.poctracker.dev", DemoLogin.Password);
        var member = await CodeFlowLogin.LogInAsync(BaseAddress, "demo", "bruno@demo.poctracker.dev", DemoLogin.Password);
        var (antiforgeryCookie, antiforgeryToken) = await CodeFlowLogin.AntiforgeryAsync(BaseAddress);

        // Before any test: the fuzz test's wrong passwords may lock the demo accounts out of further logins.
        ReadmeToken = (await CodeFlowLogin.LogInAsync(BaseAddress, "demo", "ana@demo.poctracker.dev", DemoLogin.Password, CodeFlowLogin.ReadmeScopes)).AccessToken;
        var loggedIn = clock.Elapsed;

        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.AccessToken);
        ApiDocument = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Targets = FuzzTargets.From(ApiDocument);

        var ids = new List<Guid>();
        var poc = await PostAsync(http, "/api/pocs", new { name = "Fuzz target", tags = new[] { "fuzz" } });
        ids.Add(poc.GetProperty("id").GetGuid());
        ids.Add((await PostAsync(http, $"/api/pocs/{ids[0]}/code-notes", new { title = "Note", content = "x = 1" })).GetProperty("id").GetGuid());
        ids.Add((await PostAsync(http, "/api/dojo/rooms", new { name = "Fuzz room", language = "csharp", pocId = ids[0] })).GetProperty("id").GetGuid());
        ids.Add((await PostAsync(http, "/api/identity/invitations", new { email = "fuzz-invitee@example.com", role = "member" })).GetProperty("id").GetGuid());
        ids.AddRange((await http.GetFromJsonAsync<JsonElement>("/api/identity/accounts")).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));

        var page = await http.GetFromJsonAsync<JsonElement>("/api/pocs?limit=2");
        ids.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        var byName = await http.GetFromJsonAsync<JsonElement>("/api/pocs?limit=2&sort=name");
        string[] cursors = [page.GetProperty("nextCursor").GetString()!, byName.GetProperty("nextCursor").GetString()!];

        var job = await http.GetFromJsonAsync<JsonElement>("/api/reports/pocs.csv?async=true");
        ids.Add(job.GetProperty("id").GetGuid());
        var done = await http.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{ids[^1]}?wait=30");
        var download = done.GetProperty("downloadUrl").GetString() ?? throw new InvalidOperationException("The report job did not finish: " + done);

        Knowns = new FuzzKnowns(owner, member, antiforgeryCookie, antiforgeryToken, ids, cursors,
            [await InvitationTokenAsync(mail)], [download.Split('/')[^1]]);
        StartTimes = FormattableString.Invariant(
            $"host listening after {listening.TotalSeconds:0.0} s, logged in after {loggedIn.TotalSeconds:0.0} s, ready after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The invitation link's token, from the mail the outbox folder received (written right after the invitation committed).</summary>
    private static async Task<string> InvitationTokenAsync(string mailFolder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var mail = Directory.Exists(mailFolder) ? Directory.GetFiles(mailFolder, "*.eml").FirstOrDefault() : null;
            if (mail is not null && InvitationLink().Match(await File.ReadAllTextAsync(mail)) is { Success: true } link)
            {
                return Uri.UnescapeDataString(link.Groups[1].Value);
            }

            // Polling for the mail file (a real condition) with a deadline.
            await Task.Delay(100);
        }

        throw new TimeoutException("No invitation mail in " + mailFolder);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }

        StandaloneProcess.DeleteDataDirectory(dataDirectory);
        gitHub.Stop();
        gitHub.Dispose();
    }

    private static WireMockServer StartGitHub()
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create()
            .WithStatusCode(404)
            .WithHeader("Content-Type", "application/json; charset=utf-8")
            .WithBody("""{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}"""));
        return server;
    }

    [GeneratedRegex(@"account/invitation\?token=([A-Za-z0-9%_.\-~]+)")]
    private static partial Regex InvitationLink();
}
