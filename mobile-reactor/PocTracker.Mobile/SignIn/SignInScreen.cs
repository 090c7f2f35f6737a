using Microsoft.Extensions.DependencyInjection;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.SignIn;
using CoreSignIn = PocTracker.Mobile.Core.SignIn.SignInPage;

namespace PocTracker.Mobile.SignIn;

/// <summary>
/// Sign-in: one button that opens the identity app's login page in the system browser (code + PKCE for the client
/// <c>poctracker-mobile</c>, back at <c>br.dev.poctracker://callback</c>; the core does the protocol, the platform's
/// <see cref="Platform.MauiWebAuthenticator"/> the browser). The password is typed into the identity app, never here.
/// </summary>
public sealed class SignInScreen : MvuPage<SignInState, SignInMessage, SignInEffect>
{
    protected override IPage<SignInState, SignInMessage, SignInEffect> CreatePage(IServiceProvider services) =>
        services.GetRequiredService<CoreSignIn>();

    protected override IEffects<SignInEffect, SignInMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<SignInEffects>(services);

    protected override void AfterChange(SignInState state)
    {
        if (state.SignedIn)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(true);
        }
    }

    protected override VisualNode RenderPage(SignInState state) =>
        ContentPage(
            VStack(spacing: 16,
                Label(T("App.Name")).ThemeKey(AppTheme.Selector.Title).HCenter(),
                Label(T("SignIn.Explanation")).HorizontalTextAlignment(TextAlignment.Center),
                Button(state.Busy ? T("SignIn.Waiting") : T("SignIn.Button"))
                    .IsEnabled(!state.Busy)
                    .OnClicked(() => Dispatch(new SignInMessage.SignInTapped())),
                state.Cancelled ? Label(T("SignIn.Cancelled")).TextColor(AppTheme.Muted) : null,
                Common.FailureLabel(state.Failure))
            .Padding(24)
            .VCenter())
        .Title(T("SignIn.Title"));

    /// <summary>A text of this page, from the core's SignInText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<SignInText>(key, arguments);
}
