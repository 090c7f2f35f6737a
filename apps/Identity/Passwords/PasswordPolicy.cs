using PocTracker.Contracts.Text;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// The password policy (NIST SP 800-63B rev. 4 §3.1.1.2; OWASP ASVS 5.0 V6.2, level 2): length in code points after
/// NFKC, a blocklist of common/breached passwords (global and pt-BR), no context words (tenant, e-mail, name,
/// service), no purely repetitive or sequential passwords — and no composition rules, no truncation, any Unicode.
/// Thread-safe; meant to be a singleton. See docs/identity.md, "Passwords".
/// </summary>
public sealed class PasswordPolicy
{
    /// <summary>Minimum length, in code points, for an account with a password only.</summary>
    public const int MinimumLengthWithoutMfa = 15;

    /// <summary>Minimum length, in code points, for an account with a second factor.</summary>
    public const int MinimumLengthWithMfa = 8;

    /// <summary>Maximum length, in code points after NFKC. NIST requires at least 64 to be allowed; we allow 256.</summary>
    public const int MaximumLength = 256;

    /// <summary>
    /// Inputs longer than this many UTF-16 units are refused as too long before any Unicode work (a denial-of-service
    /// guard). It is exact: NFKC composes at most 4 code points into 1 and a code point takes at most 2 units, so any
    /// such input is still longer than <see cref="MaximumLength"/> code points after normalisation.
    /// </summary>
    internal const int MaximumInputLength = MaximumLength * 4 * 2;

    /// <summary>A password with its ends stripped that is on a list is refused when zxcvbn scores it below this.</summary>
    internal const int VariantScoreThreshold = 3;

    /// <summary>Context values (and the whole e-mail address) shorter than this, in code points, are not checked.</summary>
    internal const int MinimumContextLength = 3;

    /// <summary>Single words taken from the e-mail's local part or the person's name are checked from this length.</summary>
    internal const int MinimumContextWordLength = 4;

    /// <summary>The service's own name, always a context word (NIST: "the name of the service").</summary>
    internal const string ServiceName = "PocTracker";

    private readonly Lazy<PasswordStrengthEstimator> estimator =
        new(() => new PasswordStrengthEstimator(PasswordBlocklists.PtBr.Entries));

    /// <summary>The minimum length, in code points: 8 with a second factor, 15 without.</summary>
    public static int MinimumLength(bool mfaEnabled) => mfaEnabled ? MinimumLengthWithMfa : MinimumLengthWithoutMfa;

    /// <summary>
    /// The form every password is checked and hashed in: Unicode NFKC (full-width letters, ligatures, compatibility
    /// spaces… become their plain forms). Case, spaces and length are kept. Ill-formed UTF-16 (lone surrogates) and
    /// U+FFFE, which the normaliser refuses, are replaced by U+FFFD first, so it never throws; <see cref="Check"/> refuses both.
    /// Call it on the password before <c>IPasswordHasher.HashPassword</c> and <c>VerifyHashedPassword</c>.
    /// </summary>
    public static string Normalize(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return PasswordText.Normalize(password);
    }

    /// <summary>Checks a new password against every rule and estimates its strength.</summary>
    /// <param name="password">The password as typed (not yet normalised).</param>
    /// <param name="context">The account the password is for.</param>
    public PasswordCheck Check(string password, PasswordContext context)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(context);
        var minimum = MinimumLength(context.MfaEnabled);

        if (password.Length > MaximumInputLength)
        {
            return new PasswordCheck([PasswordMessages.TooLong], 0, null, [PasswordMessages.Shorten],
                PasswordText.CountCodePoints(password), minimum);
        }

        var failures = new List<PasswordFailure>();
        if (!InputText.IsAcceptable(password)) // the rule every text field keeps: no NUL, lone surrogate or noncharacter
        {
            failures.Add(PasswordMessages.InvalidUnicode);
        }

        var normalized = PasswordText.Normalize(password);
        var length = PasswordText.CountCodePoints(normalized);
        if (length < minimum)
        {
            failures.Add(PasswordMessages.TooShort(minimum, context.MfaEnabled));
        }
        if (length > MaximumLength)
        {
            failures.Add(PasswordMessages.TooLong);
        }

        var contextWords = ContextWords(context);
        var strength = estimator.Value.Estimate(normalized, contextWords);

        var lower = PasswordText.Lower(normalized);
        if (lower.Length > 0 && PasswordBlocklists.Contains(lower))
        {
            failures.Add(PasswordMessages.Breached);
        }
        else if (IsWeakVariantOfListed(lower, strength.Score))
        {
            failures.Add(PasswordMessages.BreachedVariant);
        }
        if (ContainsContext(normalized, contextWords))
        {
            failures.Add(PasswordMessages.ContainsContext);
        }
        if (IsRepetitiveOrSequential(lower))
        {
            failures.Add(PasswordMessages.Repetitive);
        }

        var suggestions = failures
            .Select(f => PasswordMessages.SuggestionFor(f.Code))
            .Concat(strength.Suggestions)
            .DistinctBy(h => h.Code, StringComparer.Ordinal)
            .ToList();
        var score = failures.Count == 0 ? strength.Score : Math.Min(strength.Score, 1);
        return new PasswordCheck(failures, score, strength.Warning, suggestions, length, minimum);
    }

    /// <summary>
    /// "senha123456789!!", "!!Flamengo2024": the password without its leading/trailing digits, symbols and spaces is
    /// on a list, and zxcvbn finds the whole password weak. Only the ends are stripped; nothing else is transformed.
    /// </summary>
    private static bool IsWeakVariantOfListed(string lower, int score)
    {
        if (score >= VariantScoreThreshold)
        {
            return false;
        }
        var core = PasswordText.StripNonLetterEnds(lower);
        return core.Length > 0 && !string.Equals(core, lower, StringComparison.Ordinal) && PasswordBlocklists.Contains(core);
    }

    /// <summary>
    /// The words no password may contain, folded (lower-case, no accents): the tenant's name and slug, the e-mail
    /// address and its local part, the person's name, each also with only its letters and digits ("acme-ltda" →
    /// "acmeltda"), plus the single words of the local part and of the name from 4 code points ("joao.silva" →
    /// "joao", "silva"), plus the service's name. Values under 3 code points are ignored.
    /// </summary>
    internal static IReadOnlyList<string> ContextWords(PasswordContext context)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        void AddWhole(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }
            var folded = PasswordText.Fold(value.Trim());
            foreach (var candidate in new[] { folded, PasswordText.Compact(folded) })
            {
                if (PasswordText.CountCodePoints(candidate) >= MinimumContextLength)
                {
                    words.Add(candidate);
                }
            }
        }
        void AddWords(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }
            foreach (var word in PasswordText.Words(PasswordText.Fold(value)))
            {
                if (PasswordText.CountCodePoints(word) >= MinimumContextWordLength)
                {
                    words.Add(word);
                }
            }
        }

        AddWhole(ServiceName);
        AddWhole(context.TenantName);
        AddWhole(context.TenantSlug);
        AddWhole(context.DisplayName);
        AddWords(context.DisplayName);
        var email = context.Email?.Trim() ?? string.Empty;
        AddWhole(email);
        var at = email.LastIndexOf('@');
        var local = at > 0 ? email[..at] : email;
        AddWhole(local);
        AddWords(local);
        return [.. words];
    }

    private static bool ContainsContext(string normalized, IReadOnlyList<string> contextWords)
    {
        var folded = PasswordText.Fold(normalized);
        var compact = PasswordText.Compact(folded);
        return contextWords.Any(w =>
            folded.Contains(w, StringComparison.Ordinal) || compact.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>
    /// True when the whole password is one unit of code points repeated at least three times ("aaaaaaaa",
    /// "abcabcabc", "123123123"), or one run of consecutive code points up or down ("abcdefgh", "987654321"), where
    /// digits wrap around ("1234567890123").
    /// </summary>
    internal static bool IsRepetitiveOrSequential(string lower)
    {
        var cps = PasswordText.CodePoints(lower);
        var n = cps.Length;
        if (n < 3)
        {
            return false;
        }
        for (var unit = 1; unit * 3 <= n; unit++)
        {
            var repeats = true;
            for (var i = unit; i < n && repeats; i++)
            {
                repeats = cps[i] == cps[i % unit];
            }
            if (repeats)
            {
                return true;
            }
        }
        foreach (var step in new[] { 1, -1 })
        {
            var sequential = true;
            for (var i = 1; i < n && sequential; i++)
            {
                sequential = cps[i] - cps[i - 1] == step
                    || (IsAsciiDigit(cps[i]) && IsAsciiDigit(cps[i - 1]) && (cps[i - 1] - '0' + step + 10) % 10 == cps[i] - '0');
            }
            if (sequential)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsAsciiDigit(int codePoint) => codePoint is >= '0' and <= '9';
}
