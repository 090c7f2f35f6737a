namespace PocTracker.Web.SignIn;

/// <summary>The sign-in pages' texts (SignInText.resx, SignInText.pt-BR.resx).</summary>
public sealed class SignInText;
