using System.Runtime.CompilerServices;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.Server;
using PocTracker.Sdk.SignIn;

namespace PocTracker.Mobile.Core.SignIn;

/// <summary>Runs the sign-in page's effects: the system browser, the SDK's sign-in and token session, the offline queue.</summary>
public sealed class SignInEffects(ISignInApi signIn, IWebAuthenticator browser, IIdentityApi identity, PendingEditsQueue pending) : IEffects<SignInEffect, SignInMessage>
{
    public async IAsyncEnumerable<SignInMessage> RunAsync(SignInEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        switch (effect)
        {
            case CheckSession:
                yield return await signIn.HasTokensAsync(cancellationToken).ConfigureAwait(false)
                    ? new SessionChecked(await identity.GetMeAsync(cancellationToken).ConfigureAwait(false))
                    : new SessionChecked(null);
                break;
            case RunSignIn:
                yield return await SignInAsync(cancellationToken).ConfigureAwait(false);
                break;
            case CountUnsentEdits:
                yield return new UnsentEditsCounted((await pending.ReadAsync(cancellationToken).ConfigureAwait(false)).Count);
                break;
            case RunSignOut:
                await pending.ClearAsync(cancellationToken).ConfigureAwait(false);
                await signIn.SignOutAsync(cancellationToken).ConfigureAwait(false);
                yield return new SignedOut();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a sign-in effect.");
        }
    }

    private async Task<SignInMessage> SignInAsync(CancellationToken cancellationToken)
    {
        var request = signIn.NewRequest();
        Uri callback;
        try
        {
            callback = await browser.AuthenticateAsync(request.Url, request.RedirectUri, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SignInCancelled(); // the person closed the browser
        }

        try
        {
            await signIn.CompleteAsync(request, callback, cancellationToken).ConfigureAwait(false);
        }
        catch (SignInException e)
        {
            return new SignInRefused(e.Error ?? "server_error");
        }

        return new SignedIn(await identity.GetMeAsync(cancellationToken).ConfigureAwait(false));
    }
}
