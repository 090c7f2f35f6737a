using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Reports;
using PocTracker.Sdk.Rooms;
using PocTracker.Sdk.SignIn;
using PocTracker.Sdk.Videos;

namespace PocTracker.EndToEnd.People;

/// <summary>Someone signed in as the native client <c>poctracker-cli</c>, with the SDK's clients a client app would hold.</summary>
internal sealed class Person : IDisposable
{
    /// <summary>Every API's scope: what a full client asks for.</summary>
    public static readonly string[] Scopes = ["openid", "profile", "offline_access", "pocs", "reports", "video", "identity", "dojo"];

    private readonly HttpClient http;

    private Person(Uri server, string tenantSlug, string email, string password, TokenSet tokens, SignedInPerson me)
    {
        Server = server;
        TenantSlug = tenantSlug;
        Email = email;
        Password = password;
        Tokens = tokens;
        Me = me;
        http = Api(server, tokens.AccessToken);
        Identity = new IdentityClient(http);
        TwoStep = new TwoStepVerificationClient(http);
        Accounts = new AccountAdministrationClient(http);
        Pocs = new PocsClient(http);
        Reports = new ReportsClient(http);
        Videos = new VideosClient(http);
        Rooms = new DojoRoomsClient(http);
    }

    public Uri Server { get; }

    public string TenantSlug { get; }

    public string Email { get; }

    public string Password { get; }

    public TokenSet Tokens { get; }

    /// <summary>Who the token speaks for, as the server says.</summary>
    public SignedInPerson Me { get; }

    public Guid Id => Me.AccountId;

    public Guid TenantId => Guid.Parse(Me.TenantId);

    public IdentityClient Identity { get; }

    public TwoStepVerificationClient TwoStep { get; }

    /// <summary>The owners' and admins' routes (members get 403 there).</summary>
    public AccountAdministrationClient Accounts { get; }

    public PocsClient Pocs { get; }

    public ReportsClient Reports { get; }

    public VideosClient Videos { get; }

    public DojoRoomsClient Rooms { get; }

    /// <summary>The authorization code flow with PKCE over a loopback redirect on a port of its own, the login page played by <see cref="LoginPageBrowser"/>.</summary>
    public static async Task<Person> SignInAsync(Uri server, string tenantSlug, string email, string password)
    {
        var attempt = AuthorizationRequest.Create(server, "poctracker-cli", new Uri($"http://127.0.0.1:{LoopbackPort()}/callback"), Scopes);
        var callback = await LoginPageBrowser.SignInAsync(attempt.Url, tenantSlug, email, password);
        Assert.Equal(attempt.RedirectUri.GetLeftPart(UriPartial.Path), callback.GetLeftPart(UriPartial.Path));

        using var anonymous = new HttpClient { BaseAddress = server };
        var tokens = await new SignInClient(anonymous).ExchangeCodeAsync(attempt, attempt.ReadCode(callback));
        using var api = Api(server, tokens.AccessToken);
        var me = await new IdentityClient(api).GetMeAsync();
        return new Person(server, tenantSlug, email, password, tokens, me);
    }

    public void Dispose() => http.Dispose();

    private static HttpClient Api(Uri server, string accessToken) =>
        new(new AccessTokenHandler(server, _ => ValueTask.FromResult(accessToken))) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>A port a native tool could listen on for the redirect (nothing listens: the browser here stops at the redirect).</summary>
    private static int LoopbackPort() => PocTracker.TestSupport.AppProcess.FreeLoopbackPort();
}
