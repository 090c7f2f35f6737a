using System.Globalization;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// The outcome of <see cref="PasswordPolicy.Check"/>: whether the password may be set, why not, and strength feedback for the UI.
/// </summary>
/// <param name="Failures">Every rule the password breaks, in a stable order; empty when it is acceptable.</param>
/// <param name="Score">
/// Strength for a meter, 0 (very weak) to 4 (strong), estimated by zxcvbn. A refused password never scores above 1.
/// </param>
/// <param name="Warning">The main weakness zxcvbn found, if any (e.g. "a word by itself is easy to guess").</param>
/// <param name="Suggestions">Short advice: first for each failure, then zxcvbn's for weak passwords.</param>
/// <param name="Length">The password's length in Unicode code points after NFKC normalisation.</param>
/// <param name="MinimumLength">The minimum length that applied to this account.</param>
public sealed record PasswordCheck(
    IReadOnlyList<PasswordFailure> Failures,
    int Score,
    PasswordHint? Warning,
    IReadOnlyList<PasswordHint> Suggestions,
    int Length,
    int MinimumLength)
{
    /// <summary>True when the password breaks no rule and may be set.</summary>
    public bool IsAcceptable => Failures.Count == 0;

    /// <summary>The maximum length, in code points (<see cref="PasswordPolicy.MaximumLength"/>).</summary>
    public int MaximumLength => PasswordPolicy.MaximumLength;

    /// <summary>True when a failure with this code (see <see cref="PasswordFailureCodes"/>) is present.</summary>
    public bool HasFailure(string code) => Failures.Any(f => string.Equals(f.Code, code, StringComparison.Ordinal));
}

/// <summary>One broken rule: a stable machine-readable code and a human message in English and Brazilian Portuguese.</summary>
/// <param name="Code">One of <see cref="PasswordFailureCodes"/>; stable, safe to branch on and to send to clients.</param>
/// <param name="MessageEn">The message in English.</param>
/// <param name="MessagePtBr">The message in Brazilian Portuguese.</param>
public sealed record PasswordFailure(string Code, string MessageEn, string MessagePtBr)
{
    /// <summary>The message in the given culture: Portuguese for any "pt" culture, English otherwise.</summary>
    public string Message(CultureInfo culture) => PasswordHint.IsPortuguese(culture) ? MessagePtBr : MessageEn;
}

/// <summary>A warning or a suggestion for the UI, with a stable code and its text in English and Brazilian Portuguese.</summary>
/// <param name="Code">A stable code (e.g. "use-a-passphrase", "word-by-itself").</param>
/// <param name="TextEn">The text in English.</param>
/// <param name="TextPtBr">The text in Brazilian Portuguese.</param>
public sealed record PasswordHint(string Code, string TextEn, string TextPtBr)
{
    /// <summary>The text in the given culture: Portuguese for any "pt" culture, English otherwise.</summary>
    public string Text(CultureInfo culture) => IsPortuguese(culture) ? TextPtBr : TextEn;

    internal static bool IsPortuguese(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return string.Equals(culture.TwoLetterISOLanguageName, "pt", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The stable codes of <see cref="PasswordFailure"/>.</summary>
public static class PasswordFailureCodes
{
    /// <summary>Fewer code points than <see cref="PasswordPolicy.MinimumLength"/> allows.</summary>
    public const string TooShort = "too-short";

    /// <summary>More than <see cref="PasswordPolicy.MaximumLength"/> code points.</summary>
    public const string TooLong = "too-long";

    /// <summary>Ill-formed UTF-16 (a lone surrogate) or a noncharacter (U+FFFE, U+FFFF, U+FDD0…), which no keyboard produces.</summary>
    public const string InvalidUnicode = "invalid-unicode";

    /// <summary>The whole password is on the global common-password list or the pt-BR common-word list.</summary>
    public const string Breached = "breached";

    /// <summary>A listed password or word with only digits or symbols around it, and weak by zxcvbn (score below 3).</summary>
    public const string BreachedVariant = "breached-variant";

    /// <summary>Contains the tenant's name or slug, the e-mail address or its local part, the person's name, or the service's name.</summary>
    public const string ContainsContext = "contains-context";

    /// <summary>The whole password is one short unit repeated (e.g. "aaaa…", "abcabc…") or one run of consecutive characters.</summary>
    public const string Repetitive = "repetitive";
}
