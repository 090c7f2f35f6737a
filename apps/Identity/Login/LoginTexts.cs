using PocTracker.Identity.Pages;

namespace PocTracker.Identity.Login;

/// <summary>The login page's words in English and Brazilian Portuguese, chosen from Accept-Language (<see cref="PageLanguage"/>).</summary>
internal sealed record LoginTexts(
    string Lang, string Title, string Tenant, string Email, string Password, string Submit, string Failed, string Help, string ForgotPassword,
    string CodeTitle, string Code, string CodeHelp, string CodeSubmit, string CodeFailed, string StartOver)
{
    public static readonly LoginTexts English = new(
        PageLanguage.English, "Sign in to PocTracker", "Organisation (slug)", "E-mail", "Password", "Sign in",
        "Those details did not work. Check the organisation, e-mail and password, or try again in a few minutes.",
        "Your organisation's slug is the short name it chose at sign-up, e.g. acme.",
        "Forgot your password?",
        "Two-step verification", "Code", "The 6-digit code your authenticator app shows now, or one of your recovery codes.", "Verify",
        "That code did not work. Try the code your app shows now.", "Start over");

    public static readonly LoginTexts Portuguese = new(
        PageLanguage.Portuguese, "Entrar no PocTracker", "Organização (slug)", "E-mail", "Senha", "Entrar",
        "Não foi possível entrar com esses dados. Confira a organização, o e-mail e a senha, ou tente de novo em alguns minutos.",
        "O slug da sua organização é o nome curto escolhido no cadastro, por exemplo: acme.",
        "Esqueceu sua senha?",
        "Verificação em duas etapas", "Código", "O código de 6 dígitos que o seu aplicativo autenticador mostra agora, ou um dos seus códigos de recuperação.", "Verificar",
        "Esse código não funcionou. Use o código que o aplicativo mostra agora.", "Recomeçar");

    public static LoginTexts For(HttpRequest request) => PageLanguage.IsPortuguese(request) ? Portuguese : English;
}
