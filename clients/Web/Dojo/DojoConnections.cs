using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.SignIn;
using PocTracker.Web.Shell;
using PocTracker.Web.SignIn;

namespace PocTracker.Web.Dojo;

/// <summary>
/// Opens the dojo hub connection a room page uses: to the page's origin, with the signed-in person's access token
/// (asked at every reconnect, so a refreshed one is used) and their id, so they are not shown as someone else in the room.
/// </summary>
public sealed class DojoConnections(WebOrigin origin, TokenSession tokens, SignedInState signedIn)
{
    public DojoConnection Open() => new(new DojoConnectionOptions
    {
        ServerAddress = origin.Address,
        AccessTokenProvider = async () => await tokens.GetAccessTokenAsync(),
        UserId = signedIn.Person?.AccountId,
    });
}
