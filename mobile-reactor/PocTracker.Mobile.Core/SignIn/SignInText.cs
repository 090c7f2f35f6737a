namespace PocTracker.Mobile.Core.SignIn;

/// <summary>
/// The SignIn texts (SignInText.resx, SignInText.pt-BR.resx), read through <c>IStringLocalizer&lt;SignInText&gt;</c>; the
/// constants are the keys, which the state carries instead of translated text.
/// </summary>
#pragma warning disable CA1724 // a marker type named after its folder's texts
public sealed class SignInText
#pragma warning restore CA1724
{
    public const string SignIn = nameof(SignIn);

    public const string SigningIn = nameof(SigningIn);

    public const string Cancelled = nameof(Cancelled);

    public const string Refused = nameof(Refused);

    public const string RefusedInvalidState = nameof(RefusedInvalidState);

    public const string Offline = nameof(Offline);

    public const string Failed = nameof(Failed);

    public const string SignOut = nameof(SignOut);

    public const string SignedInAs = nameof(SignedInAs);

    public const string SignOutUnsentTitle = nameof(SignOutUnsentTitle);

    public const string SignOutUnsentBody = nameof(SignOutUnsentBody);

    public const string SignOutConfirm = nameof(SignOutConfirm);

    public const string SignOutKeep = nameof(SignOutKeep);

    public const string SignOutShowEdits = nameof(SignOutShowEdits);
}
