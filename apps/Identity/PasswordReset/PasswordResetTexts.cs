using System.Globalization;
using PocTracker.Identity.Login;
using PocTracker.Identity.Pages;

namespace PocTracker.Identity.PasswordReset;

/// <summary>
/// The words of the forgotten-password pages and mail in English and Brazilian Portuguese (the language the login page
/// would choose; the mail follows the browser that asked for it). Field labels the login page has are its own.
/// </summary>
internal sealed record PasswordResetTexts(
    CultureInfo Culture,
    LoginTexts Login,
    string ForgotTitle,
    string ForgotIntro,
    string ForgotSubmit,
    string InvalidRequest,
    string SentTitle,
    string Sent,
    string ResetTitle,
    Func<string, string, string> ResetIntro,
    string NewPassword,
    Func<int, string> PasswordHelp,
    string ResetSubmit,
    string Unusable,
    string UnusableHelp,
    string AskAgain,
    string FormExpired,
    string ChangedMeanwhile,
    string TooMany,
    string BackToLogin,
    string MailSubject,
    Func<string, string, string, Uri, DateTimeOffset, string> MailBody)
{
    public static readonly PasswordResetTexts English = new(
        CultureInfo.GetCultureInfo("en"),
        LoginTexts.English,
        "Forgot your password?",
        "Type your organisation and your e-mail. If they match an account, we send it a link to choose a new password.",
        "Send me a link",
        "Type your organisation's slug and a valid e-mail address.",
        "Check your e-mail",
        "If that organisation has an account with this e-mail, a link to choose a new password is on its way. It works once, for 30 minutes. Nothing after a few minutes? Look in the spam folder, or ask again.",
        "Choose a new password",
        (email, organisation) => $"For {email} in {organisation}. Afterwards every session of this account ends, and you log in with the new password.",
        "New password",
        minimum => $"At least {minimum} characters. A passphrase of four or more unrelated words is long and easy to remember.",
        "Save the new password",
        "This link cannot be used",
        "It may have expired (links work for 30 minutes), been used already, or another link of the same account was used first. Ask for a new one.",
        "Ask for a new link",
        "The form expired; please submit it again.",
        "The account changed at the same moment; please submit again.",
        "Too many attempts. Wait a few minutes and try again.",
        "Back to the login page",
        "Choose a new PocTracker password",
        (organisation, slug, email, link, expiresAt) => $"""
            Someone, hopefully you, asked to reset the password of {email} in {organisation} on PocTracker.

            To choose a new password, open this link (it works once, until {expiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC):

            {link}

            Afterwards, log in with the organisation "{slug}", this e-mail address and the new password. Every other session of the account ends.

            If you did not ask for this, ignore this e-mail: your password stays as it is.
            """);

    public static readonly PasswordResetTexts Portuguese = new(
        CultureInfo.GetCultureInfo("pt-BR"),
        LoginTexts.Portuguese,
        "Esqueceu sua senha?",
        "Digite sua organização e seu e-mail. Se corresponderem a uma conta, enviamos a ela um link para escolher uma nova senha.",
        "Enviar o link",
        "Digite o slug da sua organização e um endereço de e-mail válido.",
        "Confira seu e-mail",
        "Se essa organização tiver uma conta com este e-mail, um link para escolher uma nova senha está a caminho. Ele funciona uma vez, por 30 minutos. Nada depois de alguns minutos? Veja a pasta de spam ou peça de novo.",
        "Escolha uma nova senha",
        (email, organisation) => $"Para {email} em {organisation}. Depois, todas as sessões desta conta terminam, e você entra com a nova senha.",
        "Nova senha",
        minimum => $"Pelo menos {minimum} caracteres. Uma frase-senha de quatro ou mais palavras sem relação entre si é longa e fácil de lembrar.",
        "Salvar a nova senha",
        "Este link não pode ser usado",
        "Ele pode ter expirado (os links valem por 30 minutos), já ter sido usado, ou outro link da mesma conta foi usado antes. Peça um novo.",
        "Pedir um novo link",
        "O formulário expirou; envie-o novamente.",
        "A conta mudou no mesmo instante; envie de novo.",
        "Tentativas demais. Aguarde alguns minutos e tente de novo.",
        "Voltar para a página de entrada",
        "Escolha uma nova senha do PocTracker",
        (organisation, slug, email, link, expiresAt) => $"""
            Alguém, esperamos que você, pediu para redefinir a senha de {email} em {organisation} no PocTracker.

            Para escolher uma nova senha, abra este link (ele funciona uma vez, até {expiresAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)} UTC):

            {link}

            Depois, entre com a organização "{slug}", este e-mail e a nova senha. Todas as outras sessões da conta terminam.

            Se você não pediu isso, ignore este e-mail: sua senha continua a mesma.
            """);

    public string Lang => Login.Lang;

    public static PasswordResetTexts For(HttpRequest request) =>
        PageLanguage.IsPortuguese(request) ? Portuguese : English;
}
