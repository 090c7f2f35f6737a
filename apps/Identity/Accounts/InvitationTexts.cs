using System.Globalization;
using PocTracker.Identity.Pages;

namespace PocTracker.Identity.Accounts;

/// <summary>The invitation landing page's words in English and Brazilian Portuguese (the language the login page would choose).</summary>
internal sealed record InvitationTexts(
    CultureInfo Culture,
    string Lang,
    Func<string, string> Title,
    Func<string, string, string> Invited,
    string DisplayName,
    string Password,
    Func<int, string> PasswordHelp,
    string Submit,
    string NameRequired,
    string FormExpired,
    string Unusable,
    string UnusableHelp,
    string AccountExists,
    string TooMany,
    string LogIn)
{
    public static readonly InvitationTexts English = new(
        CultureInfo.GetCultureInfo("en"),
        "en",
        organisation => $"Join {organisation} on PocTracker",
        (role, email) => $"You were invited as {role}. Your account will use the e-mail {email}.",
        "Your name",
        "Choose a password",
        minimum => $"At least {minimum} characters. A passphrase of four or more unrelated words is long and easy to remember.",
        "Create my account",
        "Your name is required (up to 100 characters).",
        "The form expired; please submit it again.",
        "This invitation link cannot be used",
        "It may have expired, been used already, or been replaced by a newer invitation. Ask an admin of your organisation to invite you again. If you already accepted it, log in.",
        "This e-mail address already has an account in this organisation. Log in instead.",
        "Too many attempts from your network. Wait a minute and try again.",
        "Go to the login page");

    public static readonly InvitationTexts Portuguese = new(
        CultureInfo.GetCultureInfo("pt-BR"),
        "pt-BR",
        organisation => $"Entre na organização {organisation} no PocTracker",
        (role, email) => $"Você foi convidado como {role}. Sua conta usará o e-mail {email}.",
        "Seu nome",
        "Escolha uma senha",
        minimum => $"Pelo menos {minimum} caracteres. Uma frase-senha de quatro ou mais palavras sem relação entre si é longa e fácil de lembrar.",
        "Criar minha conta",
        "Seu nome é obrigatório (até 100 caracteres).",
        "O formulário expirou; envie-o novamente.",
        "Este link de convite não pode ser usado",
        "Ele pode ter expirado, já ter sido usado ou ter sido substituído por um convite mais novo. Peça a um administrador da sua organização que convide você de novo. Se você já o aceitou, entre no PocTracker.",
        "Este e-mail já tem uma conta nesta organização. Entre no PocTracker com ela.",
        "Tentativas demais a partir da sua rede. Aguarde um minuto e tente de novo.",
        "Ir para a página de entrada");

    public static InvitationTexts For(HttpRequest request) =>
        PageLanguage.IsPortuguese(request) ? Portuguese : English;

    public string RoleName(string role) => (Lang, role) switch
    {
        ("pt-BR", "owner") => "proprietário",
        ("pt-BR", "admin") => "administrador",
        ("pt-BR", "member") => "membro",
        _ => role,
    };
}
