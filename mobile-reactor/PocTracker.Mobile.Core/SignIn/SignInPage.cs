using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Sdk.Identity;

namespace PocTracker.Mobile.Core.SignIn;

/// <summary>Where signing in stands.</summary>
public enum SignInStatus
{
    /// <summary>Looking for stored tokens (the app starting).</summary>
    Checking,

    /// <summary>Nobody signed in: the "sign in" button.</summary>
    SignedOut,

    /// <summary>The system browser shows the server's login page.</summary>
    SigningIn,

    /// <summary>The person closed the browser: not an error, the button again with a quiet note.</summary>
    Cancelled,

    /// <summary>The server (or the callback) refused: <see cref="SignInState.RefusalCode"/> says why (<c>access_denied</c>, <c>invalid_state</c>, <c>invalid_grant</c>, …).</summary>
    Refused,

    /// <summary>The server cannot be reached.</summary>
    Offline,

    /// <summary>Signed in as <see cref="SignInState.Person"/>.</summary>
    SignedIn,

    /// <summary>Something unexpected (a bug): a general error, the button again.</summary>
    Failed,
}

/// <summary>The sign-in page's state; while <see cref="UnsentEdits"/> &gt; 0 and <see cref="ConfirmingSignOut"/>, the page asks before signing out.</summary>
public sealed record SignInState(SignInStatus Status, string? RefusalCode = null, SignedInPerson? Person = null, bool ConfirmingSignOut = false, int UnsentEdits = 0);

public abstract record SignInMessage;

public sealed record SessionChecked(SignedInPerson? Person) : SignInMessage;

public sealed record SignInTapped : SignInMessage;

public sealed record SignedIn(SignedInPerson Person) : SignInMessage;

public sealed record SignInCancelled : SignInMessage;

public sealed record SignInRefused(string Code) : SignInMessage;

public sealed record SignOutTapped : SignInMessage;

public sealed record UnsentEditsCounted(int Count) : SignInMessage;

public sealed record SignOutConfirmed : SignInMessage;

public sealed record SignOutDismissed : SignInMessage;

public sealed record SignedOut : SignInMessage;

/// <summary>Any page found nobody signed in (a refused refresh): the app shows this page signed out.</summary>
public sealed record SessionLost : SignInMessage;

public sealed record SignInFailed(SignInEffect Effect, Failure Failure) : SignInMessage;

public abstract record SignInEffect;

/// <summary>Stored tokens? Then who (<c>GET /api/me</c>, which also refreshes them).</summary>
public sealed record CheckSession : SignInEffect;

/// <summary>The code flow in the system browser, the exchange, storing the tokens, then who.</summary>
public sealed record RunSignIn : SignInEffect;

public sealed record CountUnsentEdits : SignInEffect;

/// <summary>Empties the offline queue (confirmed by the person), revokes and forgets the tokens.</summary>
public sealed record RunSignOut : SignInEffect;

/// <summary>The sign-in page: the server's address is fixed by the app's configuration; the person only taps "sign in".</summary>
public sealed class SignInPage : IPage<SignInState, SignInMessage, SignInEffect>
{
    public Transition<SignInState, SignInEffect> Start() => Transition.To<SignInState, SignInEffect>(new SignInState(SignInStatus.Checking), new CheckSession());

    public Transition<SignInState, SignInEffect> Update(SignInState state, SignInMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            SessionChecked { Person: { } person } => To(new SignInState(SignInStatus.SignedIn, Person: person)),
            SessionChecked => To(new SignInState(SignInStatus.SignedOut)),
            SignInTapped when state.Status is SignInStatus.SigningIn or SignInStatus.SignedIn => To(state),
            SignInTapped => Transition.To<SignInState, SignInEffect>(new SignInState(SignInStatus.SigningIn), new RunSignIn()),
            SignedIn signedIn => To(new SignInState(SignInStatus.SignedIn, Person: signedIn.Person)),
            SignInCancelled => To(new SignInState(SignInStatus.Cancelled)),
            SignInRefused refused => To(new SignInState(SignInStatus.Refused, refused.Code)),
            SignOutTapped when state.Status == SignInStatus.SignedIn => Transition.To<SignInState, SignInEffect>(state, new CountUnsentEdits()),
            SignOutTapped => To(state),
            UnsentEditsCounted { Count: 0 } => Transition.To<SignInState, SignInEffect>(state, new RunSignOut()),
            UnsentEditsCounted counted => To(state with { ConfirmingSignOut = true, UnsentEdits = counted.Count }),
            SignOutConfirmed when state.ConfirmingSignOut => Transition.To<SignInState, SignInEffect>(state with { ConfirmingSignOut = false }, new RunSignOut()),
            SignOutConfirmed => To(state),
            SignOutDismissed => To(state with { ConfirmingSignOut = false, UnsentEdits = 0 }),
            SignedOut or SessionLost => To(new SignInState(SignInStatus.SignedOut)),
            SignInFailed failed => To(failed.Failure.Kind switch
            {
                FailureKind.SignedOut => new SignInState(SignInStatus.SignedOut),
                FailureKind.Offline when failed.Effect is CheckSession && state.Person is null => new SignInState(SignInStatus.Offline),
                FailureKind.Offline when failed.Effect is CheckSession => state,
                FailureKind.Offline => new SignInState(SignInStatus.Offline),
                FailureKind.Refused => new SignInState(SignInStatus.Refused, failed.Failure.Problem?.Type ?? failed.Failure.Status?.ToString()),
                _ => new SignInState(SignInStatus.Failed),
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a sign-in message."),
        };
    }

    public SignInMessage Failed(SignInEffect effect, Failure failure) => new SignInFailed(effect, failure);

    private static Transition<SignInState, SignInEffect> To(SignInState state) => Transition.To<SignInState, SignInEffect>(state);
}
