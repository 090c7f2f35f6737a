using System.Globalization;
using System.Text;
using CsvHelper;
using PocTracker.Reports.Csv;
using PocTracker.Reports.Pdf;
using SkiaSharp;

namespace PocTracker.Reports.UnitTests;

/// <summary>
/// Whatever text a POC was stored with, every report holding it renders: each case below goes into a
/// POC's name, description, language and tag, the tenant's and user's names and a filter of a real
/// PDF, which is then read back, and into a CSV. The cases are looked up by name because some are not valid UTF-16 and
/// would not survive being test-case data.
/// </summary>
public sealed class StoredTextTests
{
    /// <summary>Text as stored → as the report shows it (U+FFFD where nothing sensible can be drawn, or DejaVu has no glyph).</summary>
    private static readonly Dictionary<string, (string Stored, string Shown)> Cases = new(StringComparer.Ordinal)
    {
        ["non-character U+FFFE"] = ("a\uFFFEb", "a\uFFFDb"),
        ["non-character U+FFFF"] = ("a\uFFFFb", "a\uFFFDb"),
        ["non-character U+FDD0"] = ("a\uFDD0b", "a\uFFFDb"),
        ["non-character U+10FFFF"] = ("a\U0010FFFFb", "a\uFFFDb"),
        ["lone high surrogate"] = ("a\uD800b", "a\uFFFDb"),
        ["lone low surrogate"] = ("a\uDC00b", "a\uFFFDb"),
        ["surrogates in the wrong order"] = ("a\uDC00\uD800b", "a\uFFFD\uFFFDb"),
        ["surrogate at the end"] = ("ab\uD83D", "ab\uFFFD"),
        ["control characters"] = ("a\u0001b\u001Bc\u007Fd\u0085e", "a b c d e"),
        ["right-to-left and zero-width marks"] = ("a\u200Fb\u202Ec\u200Bd\u2066e\uFEFFf", "abcdef"),
        ["combining marks"] = ("e\u0301 o\u0308\u0304 x\u0301\u0301\u0301", "é ȫ x\u0301\u0301\u0301"),
        ["emoji, some in the font and some not"] = ("café ☕ 😀👩‍💻", "café ☕ 😀\uFFFD\uFFFD"),
        ["CJK without a font"] = ("漢字テスト", "\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"),
        ["right-to-left script"] = ("שלום مرحبا", "שלום مرحبا"),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Text_is_made_drawable_in_one_place(string name)
    {
        var (stored, shown) = Cases[name];

        Assert.Equal(shown, DisplayText.Clean(stored));
        Assert.Equal($"Antes {shown} depois", TextFitting.Truncate($"Antes {stored} depois", Font, 1000));
        Assert.Equal([$"Antes {shown} depois"], TextFitting.Lines($"Antes {stored} depois", Font, 1000, 2));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_report_holding_any_stored_text_renders_and_shows_it_drawable(string name)
    {
        var (stored, shown) = Cases[name];
        var pocs = GeneratedPocs.Make(3).Select((poc, i) => i != 1 ? poc : poc with
        {
            Name = $"Antes {stored} depois",
            Description = $"Descrição {stored} fim",
            Language = stored,
            LanguageDisplayName = stored,
            Tags = [stored, "web"],
        }).ToList();

        var report = RenderedReport.Render(pocs, "pt-BR", [("q", stored)], tenant: $"Acme {stored}", user: $"Joana {stored}");

        Assert.Equal(3, report.Result.Pocs);
        var text = string.Join(' ', report.Pages.Select(p => p.Text));
        Assert.Contains("Antes", text, StringComparison.Ordinal);
        Assert.Contains("depois", text, StringComparison.Ordinal);
        Assert.Contains("Descrição", text, StringComparison.Ordinal);
        Assert.True(Drawable(text), $"undrawable text extracted: {Escaped(text)}");
        foreach (var drawn in shown.Split(' ').Where(part => part.EnumerateRunes().All(r => Font.ContainsGlyph(r.Value))))
        {
            // What the font has glyphs for comes back out of the PDF as it was shown.
            Assert.Contains(drawn, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_csv_keeps_stored_text_as_it_is_only_unpaired_surrogates_which_utf8_cannot_hold_become_U_FFFD(string name)
    {
        var (stored, _) = Cases[name];
        var pocs = GeneratedPocs.Make(3).Select((poc, i) => i != 1 ? poc : poc with { Name = $"Antes {stored} depois", Description = stored, Tags = [stored] }).ToList();
        using var output = new MemoryStream();

        var rows = await PocsCsv.WriteAsync(GeneratedPocs.Stream(pocs), output, ',', TestContext.Current.CancellationToken);

        Assert.Equal(3, rows);
        var expected = new StringBuilder();
        foreach (var rune in stored.EnumerateRunes())
        {
            expected.Append(rune); // an unpaired surrogate enumerates as U+FFFD
        }

        output.Position = 0;
        await using var csv = CsvReader.Create(output, new CsvReaderOptions { HasHeader = true }, leaveOpen: true);
        var read = new List<(string Name, string Description, string Tags)>();
        while (await csv.ReadAsync(TestContext.Current.CancellationToken))
        {
            read.Add((csv.GetString(1), csv.GetString(2), csv.GetString(4)));
        }

        Assert.Equal(3, read.Count);
        Assert.Equal($"Antes {expected} depois", read[1].Name);
        Assert.Equal(expected.ToString(), read[1].Description);
        Assert.Equal(expected.ToString(), read[1].Tags);
    }

    private static readonly SKFont Font = new(PdfFonts.Regular, 8);

    /// <summary>No non-character, no unpaired surrogate, no control character.</summary>
    private static bool Drawable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var pair = char.ConvertToUtf32(text[i], text[++i]);
                if ((pair & 0xFFFE) == 0xFFFE)
                {
                    return false;
                }
            }
            else if (char.IsSurrogate(text[i]) || (text[i] & 0xFFFE) == 0xFFFE || text[i] is >= '\uFDD0' and <= '\uFDEF' || char.IsControl(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")));
}
