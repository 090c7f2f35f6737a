using System.Globalization;

namespace PocTracker.Video.Script;

/// <summary>
/// The film's language: pt-BR or en (anything that is not Portuguese is told in English), with the
/// date, month and number formats its captions and cards use, and the espeak-ng voice that reads it.
/// </summary>
public sealed class FilmLanguage
{
    public static readonly FilmLanguage English = new("en", "en", "MMMM yyyy", "MMM d, yyyy");

    public static readonly FilmLanguage Portuguese = new("pt-BR", "pt-br", "MMMM 'de' yyyy", "d 'de' MMM 'de' yyyy");

    private readonly string _monthYear;
    private readonly string _day;

    private FilmLanguage(string name, string voice, string monthYear, string day)
    {
        Name = name;
        Voice = voice;
        Culture = CultureInfo.GetCultureInfo(name);
        _monthYear = monthYear;
        _day = day;
    }

    /// <summary><c>pt-BR</c> or <c>en</c>.</summary>
    public string Name { get; }

    /// <summary>The espeak-ng voice.</summary>
    public string Voice { get; }

    public CultureInfo Culture { get; }

    public bool IsPortuguese => ReferenceEquals(this, Portuguese);

    /// <summary>The language for a culture name such as <c>pt-BR</c>, <c>pt</c>, <c>en-GB</c>.</summary>
    public static FilmLanguage For(string? culture) =>
        culture is not null && culture.StartsWith("pt", StringComparison.OrdinalIgnoreCase) ? Portuguese : English;

    /// <summary>"March 2026" / "março de 2026".</summary>
    public string MonthYear(DateOnly day) => day.ToString(_monthYear, Culture);

    /// <summary>"March" / "março".</summary>
    public string Month(DateOnly day) => day.ToString("MMMM", Culture);

    /// <summary>"Mar 14, 2026" / "14 de mar. de 2026".</summary>
    public string Day(DateOnly day) => day.ToString(_day, Culture);

    /// <summary>A count with the culture's digit grouping.</summary>
    public string Number(int value) => value.ToString("N0", Culture);

    /// <summary>Upper-cases the first letter (Portuguese month names are lower case).</summary>
    public string Capitalise(string text) =>
        string.IsNullOrEmpty(text) ? text : string.Concat(text[..1].ToUpper(Culture), text.AsSpan(1));

    /// <summary>"1 POC", "3 POCs": the noun in singular or plural.</summary>
    public string Count(int value, string one, string many) => $"{Number(value)} {(value == 1 ? one : many)}";

    /// <summary>"a, b and c" / "a, b e c".</summary>
    public string List(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var and = IsPortuguese ? " e " : " and ";
        return items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => string.Join(", ", items.Take(items.Count - 1)) + and + items[^1],
        };
    }

    /// <summary>The status as the card shows it.</summary>
    public string Status(string status) => (status, IsPortuguese) switch
    {
        ("done", false) => "Done",
        ("done", true) => "Concluída",
        ("in-progress", false) => "In progress",
        ("in-progress", true) => "Em andamento",
        ("idea", false) => "Idea",
        ("idea", true) => "Ideia",
        ("dropped", false) => "Dropped",
        ("dropped", true) => "Deixada de lado",
        _ => status,
    };
}
