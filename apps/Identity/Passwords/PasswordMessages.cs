using System.Globalization;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// Every text the policy shows, in English and Brazilian Portuguese. The zxcvbn warnings and suggestions follow
/// zxcvbn's English feedback and the pt-BR translations of @zxcvbn-ts/language-pt-br (MIT), lightly edited.
/// </summary>
internal static class PasswordMessages
{
    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- Failures -------------------------------------------------------------------------------------------

    public static PasswordFailure TooShort(int minimum, bool mfaEnabled) => mfaEnabled
        ? new(PasswordFailureCodes.TooShort,
            $"Use at least {N(minimum)} characters.",
            $"Use pelo menos {N(minimum)} caracteres.")
        : new(PasswordFailureCodes.TooShort,
            $"Use at least {N(minimum)} characters ({N(PasswordPolicy.MinimumLengthWithMfa)} once two-step verification is on).",
            $"Use pelo menos {N(minimum)} caracteres ({N(PasswordPolicy.MinimumLengthWithMfa)} com a verificação em duas etapas ativada).");

    public static readonly PasswordFailure TooLong = new(PasswordFailureCodes.TooLong,
        $"Use at most {N(PasswordPolicy.MaximumLength)} characters.",
        $"Use no máximo {N(PasswordPolicy.MaximumLength)} caracteres.");

    public static readonly PasswordFailure InvalidUnicode = new(PasswordFailureCodes.InvalidUnicode,
        "The password contains an invalid character; please type it again.",
        "A senha contém um caractere inválido; digite-a novamente.");

    public static readonly PasswordFailure Breached = new(PasswordFailureCodes.Breached,
        "This password is too common: it is on a list of passwords and words that attackers try first.",
        "Esta senha é comum demais: ela está em uma lista de senhas e palavras que os atacantes testam primeiro.");

    public static readonly PasswordFailure BreachedVariant = new(PasswordFailureCodes.BreachedVariant,
        "This is a common password or word with only digits or symbols added, which is easy to guess.",
        "Esta é uma senha ou palavra comum com apenas números ou símbolos acrescentados, o que é fácil de adivinhar.");

    public static readonly PasswordFailure ContainsContext = new(PasswordFailureCodes.ContainsContext,
        "The password must not contain your organisation's name or identifier, your e-mail address, your name or the name of this service.",
        "A senha não pode conter o nome ou o identificador da sua organização, o seu e-mail, o seu nome nem o nome deste serviço.");

    public static readonly PasswordFailure Repetitive = new(PasswordFailureCodes.Repetitive,
        "Repeated or sequential characters, like \"aaaaaa\" or \"abcdef\", are easy to guess.",
        "Caracteres repetidos ou em sequência, como \"aaaaaa\" ou \"abcdef\", são fáceis de adivinhar.");

    // ---- Suggestions for failures -----------------------------------------------------------------------------

    public static readonly PasswordHint UsePassphrase = new("use-a-passphrase",
        "Try a passphrase: four or more unrelated words are long and easy to remember.",
        "Experimente uma frase-senha: quatro ou mais palavras sem relação entre si são longas e fáceis de lembrar.");

    public static readonly PasswordHint Shorten = new("shorten",
        $"Shorten it to {N(PasswordPolicy.MaximumLength)} characters or fewer.",
        $"Encurte-a para {N(PasswordPolicy.MaximumLength)} caracteres ou menos.");

    public static readonly PasswordHint Retype = new("retype",
        "Type the password again instead of pasting it.",
        "Digite a senha novamente em vez de colá-la.");

    public static readonly PasswordHint AvoidCommon = new("avoid-common",
        "Avoid common passwords, single words and names, even with numbers or symbols added.",
        "Evite senhas comuns, palavras isoladas e nomes, mesmo com números ou símbolos acrescentados.");

    public static readonly PasswordHint AvoidPersonal = new("avoid-personal",
        "Leave out names, e-mail addresses and anything else tied to you or your organisation.",
        "Não use nomes, e-mails nem nada que esteja ligado a você ou à sua organização.");

    public static readonly PasswordHint AvoidPatterns = new("avoid-patterns",
        "Avoid repeated characters and sequences.",
        "Evite caracteres repetidos e sequências.");

    public static PasswordHint SuggestionFor(string failureCode) => failureCode switch
    {
        PasswordFailureCodes.TooShort => UsePassphrase,
        PasswordFailureCodes.TooLong => Shorten,
        PasswordFailureCodes.InvalidUnicode => Retype,
        PasswordFailureCodes.Breached or PasswordFailureCodes.BreachedVariant => AvoidCommon,
        PasswordFailureCodes.ContainsContext => AvoidPersonal,
        PasswordFailureCodes.Repetitive => AvoidPatterns,
        _ => UsePassphrase,
    };

    // ---- zxcvbn warnings --------------------------------------------------------------------------------------

    public static readonly PasswordHint StraightRow = new("straight-row",
        "Straight rows of keys are easy to guess.",
        "Letras que vêm em sequência no teclado são fáceis de adivinhar.");

    public static readonly PasswordHint KeyPattern = new("key-pattern",
        "Short keyboard patterns are easy to guess.",
        "Padrões de teclado curtos são fáceis de adivinhar.");

    public static readonly PasswordHint SimpleRepeat = new("simple-repeat",
        "Repeats like \"aaa\" are easy to guess.",
        "Caracteres repetidos, como \"aaa\", são fáceis de adivinhar.");

    public static readonly PasswordHint SequencesWarning = new("sequences",
        "Sequences like \"abc\" or \"6543\" are easy to guess.",
        "Sequências comuns de caracteres, como \"abc\" ou \"6543\", são fáceis de adivinhar.");

    public static readonly PasswordHint RecentYearsWarning = new("recent-years",
        "Recent years are easy to guess.",
        "Anos recentes são fáceis de adivinhar.");

    public static readonly PasswordHint DatesWarning = new("dates",
        "Dates are easy to guess.",
        "Datas são fáceis de adivinhar.");

    public static readonly PasswordHint TopTen = new("top-ten",
        "This is one of the ten most common passwords.",
        "Esta é uma das dez senhas mais usadas.");

    public static readonly PasswordHint TopHundred = new("top-hundred",
        "This is one of the hundred most common passwords.",
        "Esta é uma das cem senhas mais usadas.");

    public static readonly PasswordHint Common = new("common",
        "This is a very common password.",
        "Esta é uma senha muito usada.");

    public static readonly PasswordHint SimilarToCommon = new("similar-to-common",
        "This is similar to a commonly used password.",
        "Esta senha é parecida com uma senha muito usada.");

    public static readonly PasswordHint WordByItself = new("word-by-itself",
        "A word by itself is easy to guess.",
        "Palavras isoladas são fáceis de adivinhar.");

    public static readonly PasswordHint NamesByThemselves = new("names-by-themselves",
        "Names and surnames by themselves are easy to guess.",
        "Nomes ou sobrenomes isolados são fáceis de adivinhar.");

    public static readonly PasswordHint CommonNames = new("common-names",
        "Common names and surnames are easy to guess.",
        "Nomes e sobrenomes comuns são fáceis de adivinhar.");

    public static readonly PasswordHint UserInputs = new("user-inputs",
        "Personal or account details are easy to guess.",
        "Dados pessoais ou da conta são fáceis de adivinhar.");

    // ---- zxcvbn suggestions -----------------------------------------------------------------------------------

    public static readonly PasswordHint AnotherWord = new("another-word",
        "Add another word or two. Uncommon words are better.",
        "Acrescente mais uma ou duas palavras. Palavras pouco comuns são melhores.");

    public static readonly PasswordHint UseWords = new("use-words",
        "Use a few words, but avoid common phrases.",
        "Use várias palavras, mas evite frases comuns.");

    public static readonly PasswordHint NoNeed = new("no-need",
        "No need for symbols, digits or uppercase letters.",
        "Você pode criar senhas fortes sem usar símbolos, números ou letras maiúsculas.");

    public static readonly PasswordHint LongerKeyboardPattern = new("longer-keyboard-pattern",
        "Use a longer keyboard pattern with more turns.",
        "Use padrões de teclado mais longos, mudando de direção várias vezes.");

    public static readonly PasswordHint Repeated = new("repeated",
        "Avoid repeated words and characters.",
        "Evite repetir palavras e caracteres.");

    public static readonly PasswordHint Sequences = new("avoid-sequences",
        "Avoid sequences.",
        "Evite sequências comuns de caracteres.");

    public static readonly PasswordHint RecentYears = new("avoid-recent-years",
        "Avoid recent years.",
        "Evite anos recentes.");

    public static readonly PasswordHint AssociatedYears = new("associated-years",
        "Avoid years that are associated with you.",
        "Evite anos associados a você.");

    public static readonly PasswordHint Dates = new("avoid-dates",
        "Avoid dates and years that are associated with you.",
        "Evite datas e anos associados a você.");

    public static readonly PasswordHint Capitalization = new("capitalization",
        "Capitalising only the first letter doesn't help very much.",
        "Colocar em maiúscula só a primeira letra não ajuda muito.");

    public static readonly PasswordHint AllUppercase = new("all-uppercase",
        "All-uppercase is almost as easy to guess as all-lowercase.",
        "Tudo em maiúsculas é quase tão fácil de adivinhar quanto tudo em minúsculas.");

    public static readonly PasswordHint L33t = new("l33t",
        "Predictable substitutions like \"@\" instead of \"a\" don't help very much.",
        "Substituições previsíveis, como \"@\" no lugar de \"a\", não ajudam muito.");
}
