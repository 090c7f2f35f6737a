using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.SignIn;
using PocTracker.Mobile.PendingEdits;

namespace PocTracker.Mobile.SignIn;

/// <summary>
/// Sign-in and the session. Signed out (the root shows it): one button that opens the identity app's login page in the
/// system browser (code + PKCE for the client <c>poctracker-mobile</c>, back at <c>br.dev.poctracker://callback</c>;
/// the core's <see cref="SignInEffects"/> do the protocol, <see cref="Platform.MauiWebAuthenticator"/> the browser).
/// The password is typed into the identity app, never here. Signed in (opened from the account page): who is signed
/// in, and sign out, which first asks when edits made offline were not sent yet (sign out and lose them, stay, or
/// stay and open them: <see cref="PendingEditsScreen"/>).
/// </summary>
public sealed class SignInScreen : MvuPage<SignInState, SignInMessage, SignInEffect>
{
    protected override IPage<SignInState, SignInMessage, SignInEffect> CreatePage(IServiceProvider services) =>
        services.GetRequiredService<SignInPage>();

    protected override IEffects<SignInEffect, SignInMessage> CreateEffects(IServiceProvider services) =>
        services.GetRequiredService<SignInEffects>();

    protected override void AfterChange(SignInState state)
    {
        // The root swaps the whole tree: the list once signed in, this page once signed out.
        if (state.Status == SignInStatus.SignedIn)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(true);
        }
        else if (state.Status == SignInStatus.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(SignInState state) =>
        ContentPage(
            VStack(spacing: 16,
                Label("PocTracker").ThemeKey(AppTheme.Selector.Title).HCenter(),
                state.Status switch
                {
                    SignInStatus.Checking => ActivityIndicator().IsRunning(true),
                    SignInStatus.SignedIn => RenderSignedIn(state),
                    _ => RenderSignedOut(state),
                })
            .Padding(24)
            .VCenter())
        .Title(T(SignInText.SignIn));

    private VStack RenderSignedOut(SignInState state) =>
        VStack(spacing: 12,
            Button(state.Status == SignInStatus.SigningIn ? T(SignInText.SigningIn) : T(SignInText.SignIn))
                .IsEnabled(state.Status != SignInStatus.SigningIn)
                .OnClicked(() => Dispatch(new SignInTapped())),
            Message(state) is { } message ? Label(message).HorizontalTextAlignment(TextAlignment.Center) : null);

    private VStack RenderSignedIn(SignInState state) =>
        state.ConfirmingSignOut
            ? VStack(spacing: 12,
                Label(T(SignInText.SignOutUnsentTitle)).FontAttributes(MauiControls.FontAttributes.Bold),
                Label(T(SignInText.SignOutUnsentBody, state.UnsentEdits)),
                Button(T(SignInText.SignOutConfirm)).ThemeKey(AppTheme.Selector.Danger)
                    .OnClicked(() => Dispatch(new SignOutConfirmed())),
                Button(T(SignInText.SignOutKeep)).ThemeKey(AppTheme.Selector.Secondary)
                    .OnClicked(() => Dispatch(new SignOutDismissed())),
                // Staying signed in, the person sees what would be lost and can send or decide it first.
                Button(T(SignInText.SignOutShowEdits)).ThemeKey(AppTheme.Selector.Secondary)
                    .OnClicked(async () =>
                    {
                        Dispatch(new SignOutDismissed());
                        if (Navigation is { } navigation)
                        {
                            await navigation.PushAsync<PendingEditsScreen>();
                        }
                    }))
            : VStack(spacing: 12,
                state.Person is { } person ? Label(T(SignInText.SignedInAs, person.Name ?? person.Email ?? person.Subject, person.TenantName ?? person.TenantId)).HCenter() : null,
                Button(T(SignInText.SignOut)).ThemeKey(AppTheme.Selector.Secondary)
                    .OnClicked(() => Dispatch(new SignOutTapped())));

    private static string? Message(SignInState state) => state.Status switch
    {
        SignInStatus.Cancelled => T(SignInText.Cancelled),
        SignInStatus.Refused when state.RefusalCode == "invalid_state" => T(SignInText.RefusedInvalidState),
        SignInStatus.Refused => T(SignInText.Refused, state.RefusalCode ?? ""),
        SignInStatus.Offline => T(SignInText.Offline),
        SignInStatus.Failed => T(SignInText.Failed),
        _ => null,
    };

    /// <summary>A text of this page, from the core's SignInText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<SignInText>(key, arguments);
}
