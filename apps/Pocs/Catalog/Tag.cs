using System.Globalization;
using System.Text;
using PocTracker.Contracts.Text;

namespace PocTracker.Pocs.Catalog;

/// <summary>
/// Tags are lower-case kebab-case: "Machine Learning" and "machine_learning" are both
/// <c>machine-learning</c>. Letters keep their accents for display ("programação"); search folds
/// them away in the database. Besides letters and digits, <c>#</c>, <c>+</c> and <c>.</c> survive,
/// so "C#", "C++" and "ASP.NET" stay recognisable.
/// <para>
/// Lower case is the invariant culture's, taken per character (Unicode scalar, so letters beyond the
/// Basic Multilingual Plane count), with one addition: the dotted capital İ (U+0130), which .NET's
/// invariant casing leaves upper case, becomes a plain <c>i</c>. Unicode's full mapping would give
/// <c>i</c> plus a combining dot (U+0307); the database's fold (<c>poc_fold</c>: unaccent, then lower)
/// drops that dot anyway, and a stored tag with an invisible extra mark would be a second facet next
/// to the <c>istanbul</c> everyone types.
/// </para>
/// </summary>
internal static class Tag
{
    public const int MaxLength = 40;
    public const int MaxCount = 20;

    private static readonly Rune DottedCapitalI = new(0x0130);

    /// <summary>
    /// The normalised tag, or an empty string when nothing tag-worthy is left (also for text the shared
    /// input rule refuses, <see cref="InputText"/>, which validation reports first).
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!InputText.IsAcceptable(text))
        {
            return ""; // string.Normalize throws on a lone surrogate or U+FFFE
        }

        var builder = new StringBuilder(text.Length);
        Span<char> lower = stackalloc char[2];
        var pendingHyphen = false;
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || rune.Value is '#' or '+' or '.' || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark)
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(lower[..Rune.ToLowerInvariant(rune == DottedCapitalI ? new Rune('i') : rune).EncodeToUtf16(lower)]);
            }
            else
            {
                pendingHyphen = true; // spaces, underscores, hyphens and other punctuation separate words
            }
        }

        return builder.ToString();
    }

    /// <summary>Normalises and de-duplicates, keeping first-seen order.</summary>
    public static IReadOnlyList<string> NormalizeAll(IEnumerable<string> tags) =>
        tags.Select(Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
