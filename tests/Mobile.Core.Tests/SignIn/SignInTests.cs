using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.SignIn;
using PocTracker.Mobile.Core.Tests.Support;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile.Core.Tests.SignIn;

public sealed class SignInTests : IDisposable
{
    private static readonly Uri Server = new("https://poctracker.test/");
    private static readonly SignedInPerson Ana = new() { Subject = Guid.NewGuid().ToString(), TenantId = "demo", Name = "Ana", Email = "ana@demo.poctracker.dev" };

    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider time = new(Pocs.Noon);
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;
    private readonly SignInPage page = new();
    private readonly IWebAuthenticator browser = Substitute.For<IWebAuthenticator>();
    private readonly IIdentityApi identity = Substitute.For<IIdentityApi>();
    private readonly ISignInApi signIn = Substitute.For<ISignInApi>();

    public SignInTests()
    {
        identity.GetMeAsync(default).ReturnsForAnyArgs(Ana);
        signIn.NewRequest().Returns(_ => AuthorizationRequest.Create(Server, SignInApi.ClientId, SignInApi.CallbackUri, SignInApi.Scopes));
    }

    public void Dispose() => folder.Dispose();

    private async Task<SignInState> RunAsync(PendingEditsQueue queue, params SignInMessage[] messages)
    {
        await using var loop = new PageLoop<SignInState, SignInMessage, SignInEffect>(page, new SignInEffects(signIn, browser, identity, queue));
        loop.Start();
        await loop.IdleAsync();
        foreach (var message in messages)
        {
            loop.Dispatch(message);
            await loop.IdleAsync();
        }

        return loop.State;
    }

    private PendingEditsQueue Queue() => new(new FileDeviceCache(folder.Path), time);

    [Fact]
    public async Task ClosingTheBrowserIsACancelNotAnError()
    {
        browser.AuthenticateAsync(default!, default!, default).ReturnsForAnyArgs<Uri>(_ => throw new TaskCanceledException());
        using var queue = Queue();

        var state = await RunAsync(queue, new SignInTapped());

        Assert.Equal(SignInStatus.Cancelled, state.Status);
        await signIn.DidNotReceiveWithAnyArgs().CompleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task ACallbackOfAnotherSignInIsRefusedAndNoCodeIsExchanged()
    {
        var network = new FakeNetwork();
        var tokens = new InMemoryTokenStore();
        using var http = new HttpClient(network) { BaseAddress = Server };
        using var session = new TokenSession(new SignInClient(http), SignInApi.ClientId, tokens);
        var real = new SignInApi(Server, new SignInClient(http), session, tokens);
        browser.AuthenticateAsync(default!, default!, default).ReturnsForAnyArgs(new Uri("br.dev.poctracker://callback?code=stolen&state=another"));
        using var queue = Queue();

        await using var loop = new PageLoop<SignInState, SignInMessage, SignInEffect>(page, new SignInEffects(real, browser, identity, queue));
        loop.Start();
        await loop.IdleAsync();
        loop.Dispatch(new SignInTapped());
        await loop.IdleAsync();

        Assert.Equal((SignInStatus.Refused, "invalid_state"), (loop.State.Status, loop.State.RefusalCode));
        Assert.Empty(network.Requests);
        Assert.Null(await tokens.ReadAsync(cancel));
    }

    [Fact]
    public async Task ASignInTheServerRefusesShowsItsCode()
    {
        browser.AuthenticateAsync(default!, default!, default).ReturnsForAnyArgs(new Uri("br.dev.poctracker://callback?error=access_denied"));
        signIn.CompleteAsync(default!, default!, default).ReturnsForAnyArgs<Task>(_ => throw new SignInException("access_denied", "The person refused."));
        using var queue = Queue();

        var state = await RunAsync(queue, new SignInTapped());

        Assert.Equal((SignInStatus.Refused, "access_denied"), (state.Status, state.RefusalCode));
    }

    [Fact]
    public async Task ASuccessfulSignInSaysWho()
    {
        browser.AuthenticateAsync(default!, default!, default).ReturnsForAnyArgs(new Uri("br.dev.poctracker://callback?code=c&state=s"));
        using var queue = Queue();

        var state = await RunAsync(queue, new SignInTapped());

        Assert.Equal((SignInStatus.SignedIn, "Ana"), (state.Status, state.Person!.Name));
        await signIn.Received(1).CompleteAsync(Arg.Any<AuthorizationRequest>(), new Uri("br.dev.poctracker://callback?code=c&state=s"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SigningOutWithUnsentEditsAsksFirstThenClearsTheQueueAndTheTokens()
    {
        signIn.HasTokensAsync(default).ReturnsForAnyArgs(true);
        using var queue = Queue();
        await queue.AddAsync(PendingKind.Create, null, null, Pocs.Request("Não enviada"), cancel);

        var asking = await RunAsync(queue, new SignOutTapped());
        Assert.Equal((true, 1, SignInStatus.SignedIn), (asking.ConfirmingSignOut, asking.UnsentEdits, asking.Status));
        await signIn.DidNotReceiveWithAnyArgs().SignOutAsync(default);

        var kept = await RunAsync(queue, new SignOutTapped(), new SignOutDismissed());
        Assert.Equal(SignInStatus.SignedIn, kept.Status);
        Assert.Single(await queue.ReadAsync(cancel));

        var signedOut = await RunAsync(queue, new SignOutTapped(), new SignOutConfirmed());
        Assert.Equal(SignInStatus.SignedOut, signedOut.Status);
        Assert.Empty(await queue.ReadAsync(cancel));
        await signIn.Received(1).SignOutAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SigningOutWithNothingQueuedDoesNotAsk()
    {
        signIn.HasTokensAsync(default).ReturnsForAnyArgs(true);
        using var queue = Queue();

        Assert.Equal(SignInStatus.SignedOut, (await RunAsync(queue, new SignOutTapped())).Status);
    }

    [Fact]
    public async Task ARefusedRefreshSignsOutAndEveryPageShowsTheSignInPage()
    {
        var network = new FakeNetwork();
        var tokens = new InMemoryTokenStore();
        await tokens.WriteAsync(new TokenSet("expired", "spent-refresh", Pocs.Noon.AddMinutes(-5), null, null), cancel);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ITokenStore>(tokens)
            .AddSingleton<IDeviceCache>(new FileDeviceCache(folder.Path))
            .AddSingleton(browser)
            .AddPocTrackerMobileCore(Server, () => network);
        await using var provider = services.BuildServiceProvider();

        await using var list = new PageLoop<PocListState, PocListMessage, PocListEffect>(
            provider.GetRequiredService<PocListPage>(), provider.GetRequiredService<PocListEffects>());
        list.Start();
        await list.IdleAsync();

        Assert.True(list.State.SignedOut);
        Assert.Null(await tokens.ReadAsync(cancel));
        Assert.Contains(network.Requests, r => r.EndsWith("/connect/token", StringComparison.Ordinal));
        Assert.DoesNotContain(network.Requests, r => r.Contains("/api/", StringComparison.Ordinal)); // no call went out without a token

        await using var signInPage = new PageLoop<SignInState, SignInMessage, SignInEffect>(
            provider.GetRequiredService<SignInPage>(), provider.GetRequiredService<SignInEffects>());
        signInPage.Start();
        await signInPage.IdleAsync();
        Assert.Equal(SignInStatus.SignedOut, signInPage.State.Status);
    }

    [Theory]
    [InlineData(FailureKind.Offline, SignInStatus.Offline)]
    [InlineData(FailureKind.SignedOut, SignInStatus.SignedOut)]
    [InlineData(FailureKind.Unexpected, SignInStatus.Failed)]
    public void AFailedSignInSaysWhy(FailureKind kind, SignInStatus status) =>
        Assert.Equal(status, page.Update(new SignInState(SignInStatus.SigningIn), new SignInFailed(new RunSignIn(), new Failure(kind))).State.Status);

    [Fact]
    public void TappingSignInTwiceStartsOneSignIn() =>
        Assert.Empty(page.Update(new SignInState(SignInStatus.SigningIn), new SignInTapped()).Effects);

    /// <summary>The network under the SDK: the token endpoint refuses every grant (a spent refresh token); nothing else answers.</summary>
    private sealed class FakeNetwork : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request.RequestUri!.AbsolutePath);
            }

            return Task.FromResult(request.RequestUri!.AbsolutePath == "/connect/token"
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"invalid_grant"}""", System.Text.Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
