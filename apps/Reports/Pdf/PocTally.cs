using PocTracker.Contracts.Pocs;

namespace PocTracker.Reports.Pdf;

/// <summary>
/// The summary's numbers, counted as the POCs stream past: totals by status, by language and by
/// tag, and creations per month over the twelve months ending with the month of <c>now</c> (UTC).
/// It holds one counter per distinct status, language and tag, never the POCs themselves.
/// </summary>
internal sealed class PocTally
{
    public const int Months = 12;

    private readonly Dictionary<string, long> _byStatus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Display, long Count)> _byLanguage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byTag = new(StringComparer.Ordinal);
    private readonly long[] _perMonth = new long[Months];

    public PocTally(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        FirstMonth = new DateOnly(utc.Year, utc.Month, 1).AddMonths(-(Months - 1));
    }

    /// <summary>The first day of the oldest month of the twelve.</summary>
    public DateOnly FirstMonth { get; }

    public long Total { get; private set; }

    public void Add(PocDto poc)
    {
        ArgumentNullException.ThrowIfNull(poc);
        Total++;
        _byStatus[poc.Status] = _byStatus.GetValueOrDefault(poc.Status) + 1;

        var language = poc.Language ?? "";
        _byLanguage[language] = _byLanguage.TryGetValue(language, out var seen)
            ? (seen.Display, seen.Count + 1)
            : (poc.LanguageDisplayName ?? poc.Language ?? "", 1);

        foreach (var tag in poc.Tags)
        {
            _byTag[tag] = _byTag.GetValueOrDefault(tag) + 1;
        }

        var created = poc.CreatedAt.UtcDateTime;
        var month = ((created.Year - FirstMonth.Year) * 12) + created.Month - FirstMonth.Month;
        if (month is >= 0 and < Months)
        {
            _perMonth[month]++;
        }
    }

    public long Status(string status) => _byStatus.GetValueOrDefault(status);

    /// <summary>Every status seen, known ones first in their order, then any other the pocs app may add later.</summary>
    public IReadOnlyList<(string Status, long Count)> ByStatus() =>
        [.. PdfReportText.StatusOrder.Select(s => (s, Status(s))),
         .. _byStatus.Where(s => !PdfReportText.StatusOrder.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))];

    /// <summary>
    /// The <paramref name="top"/> languages by count (ties by name), the rest folded into one count.
    /// A POC without a language has the empty display name.
    /// </summary>
    public (IReadOnlyList<(string Language, long Count)> Top, int OtherLanguages, long OtherCount) ByLanguage(int top)
    {
        var ordered = _byLanguage.Values
            .OrderByDescending(l => l.Count).ThenBy(l => l.Display, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var rest = ordered.Skip(top).ToList();
        return ([.. ordered.Take(top).Select(l => (l.Display, l.Count))], rest.Count, rest.Sum(l => l.Count));
    }

    /// <summary>The <paramref name="top"/> tags by the number of POCs carrying them (ties by name).</summary>
    public IReadOnlyList<(string Tag, long Count)> TopTags(int top) =>
        [.. _byTag.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(top).Select(t => (t.Key, t.Value))];

    /// <summary>The twelve months, oldest first, each with its first day and the POCs created in it.</summary>
    public IReadOnlyList<(DateOnly Month, long Count)> PerMonth() =>
        [.. _perMonth.Select((count, i) => (FirstMonth.AddMonths(i), count))];
}
