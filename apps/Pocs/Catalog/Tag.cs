using System.Globalization;
using System.Text;

namespace PocTracker.Pocs.Catalog;

/// <summary>
/// Tags are lower-case kebab-case: "Machine Learning" and "machine_learning" are both
/// <c>machine-learning</c>. Letters keep their accents for display ("programação"); search folds
/// them away in the database. Besides letters and digits, <c>#</c>, <c>+</c> and <c>.</c> survive,
/// so "C#", "C++" and "ASP.NET" stay recognisable.
/// </summary>
internal static class Tag
{
    public const int MaxLength = 40;
    public const int MaxCount = 20;

    /// <summary>The normalised tag, or an empty string when nothing tag-worthy is left.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || c is '#' or '+' or '.' || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark)
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
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
