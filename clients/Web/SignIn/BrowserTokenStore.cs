using System.Text.Json;
using PocTracker.Sdk.SignIn;
using PocTracker.Web.Shell;

namespace PocTracker.Web.SignIn;

/// <summary>
/// The signed-in person's tokens in the tab's <c>sessionStorage</c> (docs/web.md, "Token storage"): they go when the tab
/// does, and no other tab reads them. A new tab signs in again without the password, through identity's 8-hour login
/// session cookie, so the longer life <c>localStorage</c> would give the 14-day refresh token buys little and would
/// leave it readable by every tab and for days.
/// </summary>
public sealed class BrowserTokenStore(BrowserStorage storage) : ITokenStore
{
    private const string Key = "poctracker.tokens";

    public async ValueTask<TokenSet?> ReadAsync(CancellationToken cancellationToken)
    {
        var json = await storage.GetAsync(BrowserStorage.Session, Key);
        try
        {
            return json is null ? null : JsonSerializer.Deserialize(json, WebJson.Default.TokenSet);
        }
        catch (JsonException)
        {
            return null; // not ours (an older shape): signed out
        }
    }

    public ValueTask WriteAsync(TokenSet tokens, CancellationToken cancellationToken) =>
        storage.SetAsync(BrowserStorage.Session, Key, JsonSerializer.Serialize(tokens, WebJson.Default.TokenSet));

    public ValueTask ClearAsync(CancellationToken cancellationToken) => storage.RemoveAsync(BrowserStorage.Session, Key);
}
