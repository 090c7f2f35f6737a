namespace PocTracker.Mobile.App;

/// <summary>
/// Whether somebody is signed in, as the root component shows it: the sign-in page, or the app's pages in a
/// navigation stack. Pages tell it when their state says "signed in" (the sign-in page) or "signed out" (any page
/// whose effect met <c>FailureKind.SignedOut</c>, or the account page after sign-out or deletion).
/// </summary>
public sealed class AppSession
{
    public event Action<bool>? Changed;

    public bool SignedIn { get; private set; }

    public void SetSignedIn(bool signedIn)
    {
        if (SignedIn == signedIn)
        {
            return;
        }

        SignedIn = signedIn;
        Changed?.Invoke(signedIn);
    }
}
