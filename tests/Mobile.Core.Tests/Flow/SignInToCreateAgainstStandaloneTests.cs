using System.Net;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PocEdit;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.SignIn;
using PocTracker.Mobile.Core.Tests.Support;
using PocTracker.Sdk.SignIn;
using PocTracker.TestSupport;

namespace PocTracker.Mobile.Core.Tests.Flow;

/// <summary>
/// The core end to end, with real HTTP against a real Standalone (its own PostgreSQL, the demo organisation): the
/// sign-in page's code flow (an HttpClient filling the login form stands in for the system browser), the list, a
/// create through the form, and the created POC in the next search.
/// </summary>
public sealed partial class SignInToCreateAgainstStandaloneTests : IAsyncLifetime
{
    private readonly string dataDirectory = StandaloneProcess.CreateDataDirectory();
    private StandaloneProcess standalone = null!;

    public async ValueTask InitializeAsync()
    {
        standalone = StandaloneProcess.Start(dataDirectory, "--demo");
        await standalone.WaitUntilListeningAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await standalone.DisposeAsync();
        StandaloneProcess.DeleteDataDirectory(dataDirectory);
    }

    [Fact]
    public async Task SignInListCreateAndFindIt()
    {
        using var folder = new TempFolder();
        var server = new Uri(standalone.BaseAddress, "/");
        var tokens = new InMemoryTokenStore();
        await using var provider = new ServiceCollection()
            .AddSingleton<ITokenStore>(tokens)
            .AddSingleton<IDeviceCache>(new FileDeviceCache(folder.Path))
            .AddSingleton<IWebAuthenticator>(new LoginFormBrowser("demo", "ana@demo.poctracker.dev", "jabuticaba-no-quintal-1987"))
            .AddPocTrackerMobileCore(server)
            .BuildServiceProvider();

        await using var signIn = new PageLoop<SignInState, SignInMessage, SignInEffect>(provider.GetRequiredService<SignInPage>(), provider.GetRequiredService<SignInEffects>());
        signIn.Start();
        await signIn.IdleAsync();
        Assert.Equal(SignInStatus.SignedOut, signIn.State.Status);
        signIn.Dispatch(new SignInTapped());
        await signIn.IdleAsync();
        Assert.Equal((SignInStatus.SignedIn, "ana@demo.poctracker.dev"), (signIn.State.Status, signIn.State.Person?.Email));
        Assert.NotNull((await tokens.ReadAsync(TestContext.Current.CancellationToken))?.RefreshToken);

        await using var list = new PageLoop<PocListState, PocListMessage, PocListEffect>(provider.GetRequiredService<PocListPage>(), provider.GetRequiredService<PocListEffects>());
        list.Start();
        await list.IdleAsync();
        Assert.Equal(ListSource.Server, list.State.Source);
        Assert.NotEmpty(list.State.Items);
        Assert.NotEmpty(list.State.Facets!.Languages);

        // Letters only: a word of the free-text search, unlike a hex run that may read as a number.
        var name = "App móvel " + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        await using var form = new PageLoop<PocEditState, PocEditMessage, PocEditEffect>(new PocEditPage(null), provider.GetRequiredService<PocEditEffects>());
        form.Start();
        await form.IdleAsync();
        Assert.NotEmpty(form.State.KnownPocs); // the list's cached results: the offline name check has them
        form.Dispatch(new FormChanged(new PocForm(Name: name, Language: "C#", Tags: ["Mobile App"], RepositoryUrl: "https://github.com/dotnet/maui")));
        form.Dispatch(new SaveTapped());
        await form.IdleAsync();
        Assert.Equal(EditStatus.Saved, form.State.Status);

        list.Dispatch(new SearchChanged(new PocQuery(Q: name)));
        await list.IdleAsync();
        var found = Assert.Single(list.State.Items, p => p.Name == name);
        Assert.Equal((form.State.SavedId, name, "mobile-app"), (found.Id, found.Name, Assert.Single(found.Tags)));
    }

    /// <summary>
    /// The system browser of a sign-in: follows the authorization URL to the login page, fills it (with its
    /// antiforgery token), and stops at the redirect to the app's custom scheme, which it returns as WebAuthenticator would.
    /// </summary>
    private sealed partial class LoginFormBrowser(string tenant, string email, string password) : IWebAuthenticator
    {
        public async Task<Uri> AuthenticateAsync(Uri authorizeUrl, Uri callbackUri, CancellationToken cancellationToken)
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
            var loginPage = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Get, authorizeUrl), cancellationToken);
            var page = await http.GetStringAsync(loginPage, cancellationToken);
            var formToken = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
            var returnUrl = HttpUtility.ParseQueryString(loginPage.Query)["ReturnUrl"] ?? throw new InvalidOperationException("No ReturnUrl in " + loginPage);
            var afterLogin = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Post, new Uri(loginPage, "/account/login"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = formToken, ["returnUrl"] = returnUrl, ["tenant"] = tenant, ["email"] = email, ["password"] = password,
                }),
            }, cancellationToken);
            var callback = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Get, afterLogin), cancellationToken);
            Assert.Equal(callbackUri.GetLeftPart(UriPartial.Path), callback.GetLeftPart(UriPartial.Path));
            return callback;
        }

        private static async Task<Uri> RedirectOfAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using (request)
            {
                using var response = await http.SendAsync(request, cancellationToken);
                return (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location
                    ? location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location)
                    : throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, not a redirect.");
            }
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
        private static partial Regex AntiforgeryField();
    }
}
