using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.PocList;
using PocTracker.Mobile.SignIn;

namespace PocTracker.Mobile.App;

public sealed class AppRootState
{
    /// <summary>Null until the token store has been read (a splash is shown meanwhile).</summary>
    public bool? SignedIn { get; set; }
}

/// <summary>
/// The root component: the sign-in page while nobody is signed in, otherwise a navigation stack that starts at the POC
/// list (the list pushes detail, edit, reports, year video, dojo and account). Swapping the whole tree on sign-out
/// unmounts every page, which disposes their loops and so cancels what they were still fetching.
/// </summary>
public sealed class AppRoot : Component<AppRootState>
{
    public override VisualNode Render() => State.SignedIn switch
    {
        null => ContentPage(ActivityIndicator().IsRunning(true).Center()),
        false => new SignInScreen(),
        true => NavigationPage(new PocListScreen()),
    };

    protected override void OnMounted()
    {
        var session = Services.GetRequiredService<AppSession>();
        session.Changed += OnSessionChanged;
        PocTracker.Mobile.Platform.AppLanguage.Changed += OnLanguageChanged;
        Services.GetRequiredService<PocTracker.Mobile.Platform.ConnectivityWatch>().Start();
        _ = ReadTokensAsync(session);
        base.OnMounted();
    }

    protected override void OnWillUnmount()
    {
        Services.GetRequiredService<AppSession>().Changed -= OnSessionChanged;
        PocTracker.Mobile.Platform.AppLanguage.Changed -= OnLanguageChanged;
        base.OnWillUnmount();
    }

    private async Task ReadTokensAsync(AppSession session)
    {
        // A refresh token kept from an earlier run signs the person in without the browser; the first call that needs
        // a fresh access token refreshes it, and a refused refresh lands back here through AppSession.
        session.SetSignedIn(await Services.GetRequiredService<ISignInApi>().HasTokensAsync(CancellationToken.None).ConfigureAwait(false));
        SetState(s => s.SignedIn = session.SignedIn);
    }

    private void OnSessionChanged(bool signedIn) => SetState(s => s.SignedIn = signedIn);

    // Every text is read at render time: drawing the tree again is enough to switch language.
    private void OnLanguageChanged() => Invalidate();
}
