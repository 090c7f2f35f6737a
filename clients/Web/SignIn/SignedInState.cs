using System.Net;
using PocTracker.Sdk.Identity;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Web.SignIn;

/// <summary>Who is signed in in this tab: the person the SDK's "who am I" names for the kept tokens, or nobody.</summary>
public sealed class SignedInState(TokenSession session, IdentityClient identity)
{
    public SignedInPerson? Person { get; private set; }

    public bool IsSignedIn => Person is not null;

    /// <summary>Owners and admins see the administration entry.</summary>
    public bool IsAdministrator => Person?.Role is "owner" or "admin";

    /// <summary>
    /// Asks who the kept tokens speak for (refreshing them first if they are stale). False when nobody is signed in or
    /// the server no longer accepts the tokens; no answer at all throws (<see cref="HttpRequestException"/>).
    /// </summary>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Person = null;
        if (await session.GetAccessTokenAsync(cancellationToken) is null)
        {
            return false;
        }

        try
        {
            Person = await identity.GetMeAsync(cancellationToken);
        }
        catch (PocTrackerProblemException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            await session.SignOutAsync(cancellationToken); // tokens the server no longer takes (the account was deactivated)
        }

        return Person is not null;
    }
}
