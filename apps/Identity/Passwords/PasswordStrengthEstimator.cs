using Zxcvbn;
using Zxcvbn.Matcher;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// zxcvbn-core's strength estimate (score 0–4), with its default matchers plus a Brazilian-Portuguese dictionary, and
/// zxcvbn-style feedback in English and pt-BR (zxcvbn-core 1.1.x gives a score but no feedback text).
/// Thread-safe: the matchers only read their (lazily built) dictionaries.
/// </summary>
internal sealed class PasswordStrengthEstimator
{
    /// <summary>
    /// Only this many leading UTF-16 units are estimated (zxcvbn's matching is quadratic in the length, about 0.2 s at 256 on
    /// a busy 2-core machine); a password this long that is not caught by the other rules is strong in practice anyway.
    /// </summary>
    public const int MaximumEstimatedLength = 100;

    private const string PtBrDictionary = "pt_br";

    private readonly Zxcvbn.Zxcvbn zxcvbn;

    public PasswordStrengthEstimator(IReadOnlyList<string> ptBrWords) =>
        zxcvbn = new Zxcvbn.Zxcvbn(new MatcherFactory(ptBrWords));

    /// <summary>Estimates an NFKC-normalised password; <paramref name="userInputs"/> are treated as one more dictionary.</summary>
    public StrengthEstimate Estimate(string normalized, IReadOnlyList<string> userInputs)
    {
        if (normalized.Length == 0)
        {
            return new StrengthEstimate(0, null, [PasswordMessages.UseWords, PasswordMessages.NoNeed]);
        }
        var estimated = normalized.Length <= MaximumEstimatedLength ? normalized : normalized[..MaximumEstimatedLength];
        if (char.IsHighSurrogate(estimated[^1]))
        {
            estimated = estimated[..^1];
        }
        var result = zxcvbn.EvaluatePassword(estimated, userInputs);
        var score = Math.Clamp(result.Score, 0, 4);
        if (score > 2)
        {
            return new StrengthEstimate(score, null, []);
        }
        var (warning, suggestions) = Feedback(result.MatchSequence ?? []);
        return new StrengthEstimate(score, warning, suggestions);
    }

    // Follows zxcvbn 4.x feedback.coffee, on zxcvbn-core 1.x's match types.
    private static (PasswordHint? Warning, IReadOnlyList<PasswordHint> Suggestions) Feedback(IList<Match> sequence)
    {
        if (sequence.Count == 0)
        {
            return (null, [PasswordMessages.UseWords, PasswordMessages.NoNeed]);
        }
        var longest = sequence.MaxBy(m => m.Token?.Length ?? 0)!;
        var suggestions = new List<PasswordHint> { PasswordMessages.AnotherWord };
        PasswordHint? warning = null;
        switch (longest)
        {
            case DictionaryMatch dictionary:
                warning = DictionaryWarning(dictionary, sequence.Count == 1);
                var token = dictionary.Token ?? string.Empty;
                if (token.Length > 1 && char.IsUpper(token[0]) && token.Skip(1).All(c => !char.IsUpper(c)))
                {
                    suggestions.Add(PasswordMessages.Capitalization);
                }
                else if (token.Any(char.IsLetter) && token.All(c => !char.IsLower(c)))
                {
                    suggestions.Add(PasswordMessages.AllUppercase);
                }
                if (dictionary is L33tDictionaryMatch)
                {
                    suggestions.Add(PasswordMessages.L33t);
                }
                break;
            case SpatialMatch spatial:
                warning = spatial.Turns == 1 ? PasswordMessages.StraightRow : PasswordMessages.KeyPattern;
                suggestions.Add(PasswordMessages.LongerKeyboardPattern);
                break;
            case RepeatMatch:
                warning = PasswordMessages.SimpleRepeat;
                suggestions.Add(PasswordMessages.Repeated);
                break;
            case SequenceMatch:
                warning = PasswordMessages.SequencesWarning;
                suggestions.Add(PasswordMessages.Sequences);
                break;
            case DateMatch:
                warning = PasswordMessages.DatesWarning;
                suggestions.Add(PasswordMessages.Dates);
                break;
            default:
                if (string.Equals(longest.Pattern, "year", StringComparison.Ordinal))
                {
                    warning = PasswordMessages.RecentYearsWarning;
                    suggestions.Add(PasswordMessages.RecentYears);
                    suggestions.Add(PasswordMessages.AssociatedYears);
                }
                break;
        }
        return (warning, suggestions);
    }

    private static PasswordHint? DictionaryWarning(DictionaryMatch match, bool isSoleMatch)
    {
        var l33t = match is L33tDictionaryMatch;
        switch (match.DictionaryName)
        {
            case "passwords":
                if (isSoleMatch && !l33t)
                {
                    return match.Rank <= 10 ? PasswordMessages.TopTen
                        : match.Rank <= 100 ? PasswordMessages.TopHundred
                        : PasswordMessages.Common;
                }
                // zxcvbn: guesses_log10 <= 4, i.e. entropy <= log2(10^4) bits.
                return match.Entropy <= 13.3 ? PasswordMessages.SimilarToCommon : null;
            case "english":
            case "us_tv_and_film":
            case PtBrDictionary:
                return isSoleMatch ? PasswordMessages.WordByItself : null;
            case "surnames":
            case "male_names":
            case "female_names":
                return isSoleMatch ? PasswordMessages.NamesByThemselves : PasswordMessages.CommonNames;
            case "user_inputs":
                return PasswordMessages.UserInputs;
            default:
                return null;
        }
    }

    /// <summary>
    /// zxcvbn-core's default matchers (its DefaultMatcherFactory is internal, so they are listed again here), with the
    /// year pattern extended to 2039 and the pt-BR dictionary added.
    /// </summary>
    private sealed class MatcherFactory : IMatcherFactory
    {
        private readonly List<IMatcher> matchers;

        public MatcherFactory(IReadOnlyList<string> ptBrWords)
        {
            var dictionaries = new List<DictionaryMatcher>
            {
                new("passwords", "passwords.lst"),
                new("english", "english.lst"),
                new("male_names", "male_names.lst"),
                new("female_names", "female_names.lst"),
                new("surnames", "surnames.lst"),
                new("us_tv_and_film", "us_tv_and_film.lst"),
                new(PtBrDictionary, ptBrWords),
            };
            var all = new List<IMatcher>
            {
                new RepeatMatcher(),
                new SequenceMatcher(),
                new RegexMatcher(@"\d{3,}", 10, true, "digits"),
                new RegexMatcher(@"19\d\d|20[0-3]\d", 140, false, "year"),
                new DateMatcher(),
                new SpatialMatcher(),
            };
            all.AddRange(dictionaries);
            all.Add(new L33tMatcher(dictionaries));
            matchers = all;
        }

        public IEnumerable<IMatcher> CreateMatchers(IEnumerable<string> userInputs)
        {
            var user = new DictionaryMatcher("user_inputs", userInputs.ToList());
            return [new Combined([.. matchers, user, new L33tMatcher(user)])];
        }
    }

    /// <summary>Runs every matcher once and hands zxcvbn one list (it re-enumerates its union of matcher results per position).</summary>
    private sealed class Combined(IReadOnlyList<IMatcher> matchers) : IMatcher
    {
        public IEnumerable<Match> MatchPassword(string password) => matchers.SelectMany(m => m.MatchPassword(password)).ToArray();
    }
}

/// <summary>A zxcvbn estimate.</summary>
/// <param name="Score">0 (very weak) to 4 (strong).</param>
/// <param name="Warning">The main weakness, when the score is 2 or less.</param>
/// <param name="Suggestions">Advice, when the score is 2 or less.</param>
internal sealed record StrengthEstimate(int Score, PasswordHint? Warning, IReadOnlyList<PasswordHint> Suggestions);
