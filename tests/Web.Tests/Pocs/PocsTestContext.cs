using Microsoft.Extensions.DependencyInjection;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.SignIn;
using PocTracker.Web.SignIn;

namespace PocTracker.Web.Tests.Pocs;

/// <summary>
/// The POC pages over the SDK's real clients, whose server is an <see cref="ApiStub"/>: what a page shows is what it read
/// from the API's JSON, and what it sent is in <see cref="Api"/>'s log. Someone is signed in as the test says.
/// </summary>
public abstract class PocsTestContext : WebTestContext
{
    private readonly InMemoryTokenStore tokens = new();
    private readonly SignedInState signedIn;

    protected PocsTestContext()
    {
        Services.AddSingleton(new PocsClient(Api.Client));
        var session = new TokenSession(new SignInClient(Api.Client), SignInFlow.ClientId, tokens);
        signedIn = new SignedInState(session, new IdentityClient(Api.Client));
        Services.AddSingleton(signedIn);
        Api.Answer("GET", "/api/pocs/facets", PocJson.Facets);
    }

    protected ApiStub Api { get; } = new();

    /// <summary>The signed-in person, as "who am I" names them.</summary>
    protected async Task SignInAsync(Guid account, string role)
    {
        await tokens.WriteAsync(new TokenSet("access", "refresh", DateTimeOffset.UtcNow.AddHours(1), null, "openid pocs"), CancellationToken.None);
        Api.Answer("GET", "/connect/userinfo", PocJson.Me(account, role));
        Assert.True(await signedIn.LoadAsync(Xunit.TestContext.Current.CancellationToken));
    }
}
