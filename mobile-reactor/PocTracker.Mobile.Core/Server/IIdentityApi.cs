using PocTracker.Sdk.Identity;

namespace PocTracker.Mobile.Core.Server;

/// <summary>Who is signed in (<c>GET /api/me</c>), as the sign-in page asks once the tokens are stored.</summary>
public interface IIdentityApi
{
    Task<SignedInPerson> GetMeAsync(CancellationToken cancellationToken);
}

/// <summary>The SDK's <see cref="IdentityClient"/> as an <see cref="IIdentityApi"/>.</summary>
public sealed class IdentityApi(IdentityClient client) : IIdentityApi
{
    public Task<SignedInPerson> GetMeAsync(CancellationToken cancellationToken) => client.GetMeAsync(cancellationToken);
}
