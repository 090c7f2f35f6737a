using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.Contracts.Apps;
using PocTracker.Contracts.Dojo;
using PocTracker.Sdk.Dojo;
using PocTracker.TestSupport;
using PocTracker.Standalone.FunctionalTests.Fuzz;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>
/// The real product behind the gateway: Standalone (every app on one host) as each app's destination, its issuer
/// the gateway's origin and the gateway its trusted proxy, as a deployment configures the apps. A client that knows
/// only the gateway signs up, signs in with code + PKCE, writes and reads POCs, and edits in a dojo room with the SDK;
/// and every route Standalone documents is one the gateway routes.
/// </summary>
public sealed class StandaloneBehindTheGatewayTests
{
    private const string Password = "jabuticaba-atras-do-portao-2031";

    private static DojoConnection Connect(Uri origin, string accessToken) => new(new DojoConnectionOptions
    {
        ServerAddress = origin,
        AccessTokenProvider = () => Task.FromResult<string?>(accessToken),
    });

    [Fact]
    public async Task A_client_that_knows_only_the_gateway_signs_in_reads_pocs_and_joins_a_dojo_room()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var port = Topology.ClosedPort();
        var origin = new Uri($"http://127.0.0.1:{port}/");
        var dataDirectory = StandaloneProcess.CreateDataDirectory();
        await using var standalone = StandaloneProcess.Start(dataDirectory,
            $"--Identity:Issuer={origin}", "--ForwardedHeaders:KnownProxies:0=127.0.0.1", "--ForwardedHeaders:AllowedHosts:0=127.0.0.1");
        try
        {
            await standalone.WaitUntilListeningAsync();
            var destinations = new[] { AppIds.Identity, AppIds.Pocs, AppIds.Reports, AppIds.Video, AppIds.Dojo }
                .ToDictionary(app => $"Gateway:Apps:{app}", _ => (string?)standalone.BaseAddress.ToString());
            await using var gateway = Topology.StartGateway(destinations, port);
            await gateway.StartAsync(cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = origin };

            // Discovery names the gateway, not the host behind it.
            var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", cancellationToken);
            Assert.Equal(origin.ToString(), discovery.GetProperty("issuer").GetString());
            Assert.StartsWith(origin.ToString(), discovery.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
            using var jwks = await http.GetAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);

            using var signUp = await http.PostAsJsonAsync("/api/identity/tenants", new
            {
                tenantName = "Behind the gateway", slug = "gateway-test", email = "gate@example.com", password = Password, displayName = "Gate",
            }, cancellationToken);
            Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);

            // The login page the authorize endpoint sends a browser to is on the gateway's origin (X-Forwarded-Host).
            using var authorize = await http.GetAsync(
                $"/connect/authorize?client_id={CodeFlowLogin.ClientId}&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(CodeFlowLogin.RedirectUri)}" +
                "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256", cancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
            var loginPage = new Uri(origin, authorize.Headers.Location!);
            Assert.Equal((origin.Authority, "/account/login"), (loginPage.Authority, loginPage.AbsolutePath));

            var tokens = await CodeFlowLogin.LogInAsync(origin, "gateway-test", "gate@example.com", Password);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

            // Every API route Standalone documents is under one of the gateway's routes (the pages, OAuth endpoints,
            // discovery and the hub, which the document leaves out, are exercised through the gateway above and below).
            var document = await http.GetFromJsonAsync<JsonElement>(new Uri(standalone.BaseAddress, "/openapi/v1.json"), cancellationToken);
            var documented = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
            Assert.NotEmpty(documented);
            Assert.DoesNotContain(documented, path => !GatewayRoutes.All.Any(route => route.Matches(path)));

            using var created = await http.PostAsJsonAsync("/api/pocs", new { name = "Through the gateway", tags = new[] { "yarp" } }, cancellationToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var page = await http.GetFromJsonAsync<JsonElement>("/api/pocs?tags=yarp", cancellationToken);
            Assert.Equal("Through the gateway", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());

            using var room = await http.PostAsJsonAsync("/api/dojo/rooms", new CreateRoomRequest("Gateway room", "csharp"), cancellationToken);
            Assert.Equal(HttpStatusCode.Created, room.StatusCode);
            var roomId = (await room.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            await using var typist = Connect(origin, tokens.AccessToken);
            await typist.StartAsync(cancellationToken);
            // Not disposed here: the connection disposes its sessions (a session disposed twice throws).
            var typing = await typist.JoinAsync(roomId, cancellationToken: cancellationToken);
            typing.Replace("// typed through the gateway");
            await typing.WaitUntilAsync(s => s.IsSynchronized && s.Revision == 1, cancellationToken);

            // A second client reaches the same room (and its accepted edit) through the gateway.
            await using var reader = Connect(origin, tokens.AccessToken);
            await reader.StartAsync(cancellationToken);
            var reading = await reader.JoinAsync(roomId, cancellationToken: cancellationToken);
            Assert.Equal("// typed through the gateway", reading.Text);
        }
        finally
        {
            await standalone.StopAsync();
            StandaloneProcess.DeleteDataDirectory(dataDirectory);
        }
    }
}
