using PocTracker.Contracts.Pocs;
using PocTracker.Video.Script;
using PocTracker.Video.Story;
using SkiaSharp;

namespace PocTracker.Video.Film;

/// <summary>
/// Draws the film's pictures: the background once, and each scene's still (on a transparent layer,
/// so transitions can slide and fade it over the background). Sizes are in units of a 720-pixel
/// short side, so the landscape and the vertical film share one layout that flows to their shapes.
/// </summary>
internal sealed class SceneArtist : IDisposable
{
    private readonly FilmFonts _fonts;
    private readonly StoryRequest _request;
    private readonly YearStory _story;
    private readonly FilmLanguage _language;
    private readonly Dictionary<Guid, PocDto> _cards;
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKPaint _text = new() { IsAntialias = true };
    private float _rowLabelWidth;

    public SceneArtist(FilmFonts fonts, int width, int height, StoryRequest request, YearStory story)
    {
        _fonts = fonts;
        _request = request;
        _story = story;
        _language = FilmLanguage.For(request.Culture);
        _cards = story.Cards.ToDictionary(poc => poc.Id);
        Width = width;
        Height = height;
        U = Math.Min(width, height) / 720f;
        Margin = 64 * U;
        CaptionSize = (Vertical ? 30 : 27) * U;
        CaptionLines = Vertical ? 4 : 3;
        CaptionTop = Height - (Margin * 0.6f) - CaptionBandHeight(CaptionLines);
    }

    public int Width { get; }

    public int Height { get; }

    private float U { get; }

    private float Margin { get; }

    private bool Vertical => Height > Width;

    private float ContentWidth => Width - (2 * Margin);

    private float ContentBottom => CaptionTop - (28 * U);

    private float CaptionSize { get; }

    private int CaptionLines { get; }

    private float CaptionTop { get; }

    public void Dispose()
    {
        _fill.Dispose();
        _stroke.Dispose();
        _text.Dispose();
    }

    /// <summary>The night-sky gradient with two soft glows, the same under every scene.</summary>
    public void DrawBackground(SKCanvas canvas)
    {
        using (var gradient = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Width * 0.3f, Height), [FilmPalette.Top, FilmPalette.Bottom], SKShaderTileMode.Clamp))
        {
            // Dithered, or the encoder turns the long dark gradients into visible bands.
            _fill.IsDither = true;
            _fill.Shader = gradient;
            canvas.DrawRect(0, 0, Width, Height, _fill);
        }

        Glow(canvas, new SKPoint(Width * 0.92f, Height * 0.05f), Math.Max(Width, Height) * 0.55f, FilmPalette.GlowViolet);
        Glow(canvas, new SKPoint(Width * 0.02f, Height * 0.98f), Math.Max(Width, Height) * 0.45f, FilmPalette.GlowCyan);
        _fill.Shader = null;
        _fill.IsDither = false;
    }

    /// <summary>
    /// Draws a scene's still onto a cleared, transparent canvas. <paramref name="reveal"/> below 1 draws the
    /// numbers scene part-way through its count-up (figures and bars grow to their values).
    /// </summary>
    public void DrawScene(SKCanvas canvas, ScriptScene scene, int cardNumber, int cardCount, float reveal = 1)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(scene);
        canvas.Clear(SKColors.Transparent);
        switch (scene.Kind)
        {
            case SceneKinds.Title:
                Title(canvas);
                break;
            case SceneKinds.Numbers:
                Numbers(canvas, Math.Clamp(reveal, 0, 1));
                break;
            case SceneKinds.Poc when scene.PocId is { } id && _cards.TryGetValue(id, out var poc):
                Card(canvas, poc, cardNumber, cardCount);
                break;
            case SceneKinds.Summary:
                Summary(canvas);
                break;
            case SceneKinds.Empty:
                Empty(canvas);
                break;
            default:
                Closing(canvas);
                break;
        }

        Caption(canvas, scene.Caption);
    }

    private void Title(SKCanvas canvas)
    {
        Brand(canvas);
        var pt = _language.IsPortuguese;
        var kicker = pt ? "SEU ANO EM POCS" : "YOUR YEAR IN POCS";
        var (nameSize, nameLines) = FitHeadline(string.IsNullOrWhiteSpace(_request.ViewerName) ? (pt ? "Você" : "You") : _request.ViewerName.Trim(), 88, 44, 2);
        var period = $"{_language.Capitalise(_language.MonthYear(_story.Period.First))} – {_language.Capitalise(_language.MonthYear(_story.Period.Last))}";
        var kickerSize = 26 * U;
        var periodSize = 32 * U;
        var blockHeight = (8 * U) + (28 * U) + kickerSize + (22 * U) + (nameLines.Count * nameSize * 1.08f) + (18 * U) + periodSize;
        var y = Margin + ((ContentBottom - Margin - blockHeight) / 2);

        _fill.Color = FilmPalette.Accent2;
        canvas.DrawRoundRect(Margin, y, 96 * U, 8 * U, 4 * U, 4 * U, _fill);
        y += (8 * U) + (28 * U) + kickerSize;
        Text(canvas, _fonts.SemiBold, kicker, Margin, y, kickerSize, FilmPalette.Accent);
        y += 22 * U;
        foreach (var line in nameLines)
        {
            y += nameSize * 1.08f;
            Text(canvas, _fonts.Bold, line, Margin, y - (nameSize * 0.2f), nameSize, FilmPalette.Text);
        }

        y += (18 * U) + periodSize;
        Text(canvas, _fonts.Regular, period, Margin, y, periodSize, FilmPalette.Muted);
    }

    private void Numbers(SKCanvas canvas, float reveal)
    {
        var pt = _language.IsPortuguese;
        var y = Margin + (44 * U);
        Text(canvas, _fonts.Bold, pt ? "O ano em números" : "The year in numbers", Margin, y, 46 * U, FilmPalette.Text);
        y += 30 * U;

        (int Value, string Label, SKColor Colour)[] stats =
        [
            (Grow(_story.Started, reveal), Plural(_story.Started, pt ? "POC começada" : "POC started", pt ? "POCs começadas" : "POCs started"), FilmPalette.Accent),
            (Grow(_story.Finished, reveal), Plural(_story.Finished, pt ? "POC concluída" : "POC finished", pt ? "POCs concluídas" : "POCs finished"), FilmPalette.Status("done")),
            (Grow(_story.Languages.Count, reveal), Plural(_story.Languages.Count, pt ? "linguagem" : "language", pt ? "linguagens" : "languages"), FilmPalette.Accent2),
            (Grow(_story.LongestWeekStreak, reveal), Plural(_story.LongestWeekStreak, pt ? "semana, a maior sequência" : "week, the longest streak", pt ? "semanas seguidas, a maior sequência" : "weeks in a row, the longest streak"), FilmPalette.Status("in-progress")),
        ];
        var columns = Vertical ? 2 : 4;
        var gap = 20 * U;
        var tileWidth = (ContentWidth - ((columns - 1) * gap)) / columns;
        var tileHeight = (Vertical ? 190 : 158) * U;
        for (var i = 0; i < stats.Length; i++)
        {
            var x = Margin + ((i % columns) * (tileWidth + gap));
            var top = y + ((i / columns) * (tileHeight + gap));
            Panel(canvas, new SKRect(x, top, x + tileWidth, top + tileHeight), 18 * U);
            var numberSize = (Vertical ? 84 : 64) * U;
            Text(canvas, _fonts.Bold, _language.Number(stats[i].Value), x + (22 * U), top + (18 * U) + numberSize, numberSize, stats[i].Colour);
            var labelSize = 20 * U;
            var labelY = top + (30 * U) + numberSize + labelSize;
            foreach (var line in _fonts.Regular.Wrap(stats[i].Label, labelSize, tileWidth - (44 * U), 2))
            {
                Text(canvas, _fonts.Regular, line, x + (22 * U), labelY, labelSize, FilmPalette.Muted);
                labelY += labelSize * 1.25f;
            }
        }

        y += ((stats.Length / columns) * (tileHeight + gap)) + (14 * U);
        var busiest = _story.BusiestMonth is { } month
            ? $"{_language.Capitalise(_language.MonthYear(month.Month))} · {_language.Count(month.Count, pt ? "POC nova" : "new POC", pt ? "POCs novas" : "new POCs")}"
            : "—";
        string[] labels = [pt ? "Mês mais movimentado" : "Busiest month", pt ? "Linguagens" : "Languages", pt ? "Tags principais" : "Top tags"];
        _rowLabelWidth = Math.Max(250 * U, labels.Max(label => _fonts.SemiBold.Measure(label.ToUpper(_language.Culture), 20 * U)) + (28 * U));
        y = Row(canvas, y, labels[0], row =>
        {
            Text(canvas, _fonts.SemiBold, busiest, row.Left, row.Top + (26 * U), 26 * U, FilmPalette.Text);
            return 34 * U;
        });
        y = Row(canvas, y, labels[1], row => Chips(canvas, _story.Languages.Take(6).Select(tally => $"{tally.Name} · {_language.Number(tally.Count)}"), row, 22 * U, FilmPalette.Accent2, 1));
        y = Row(canvas, y, labels[2], row => Chips(canvas, _story.TopTags.Select(tally => "#" + tally.Name), row, 22 * U, FilmPalette.Accent, 1));
        if (ContentBottom - y > 150 * U)
        {
            MonthBars(canvas, new SKRect(Margin, y + (10 * U), Width - Margin, Math.Min(ContentBottom, y + (420 * U))), reveal);
        }
    }

    private void Card(SKCanvas canvas, PocDto poc, int number, int count)
    {
        var pt = _language.IsPortuguese;
        var top = Margin;
        Text(canvas, _fonts.SemiBold, $"POC {_language.Number(number)} / {_language.Number(count)}", Margin, top + (20 * U), 20 * U, FilmPalette.Muted);
        var card = new SKRect(Margin, top + (40 * U), Width - Margin, ContentBottom);
        Panel(canvas, card, 26 * U);
        var pad = 36 * U;
        var inner = new SKRect(card.Left + pad, card.Top + pad, card.Right - pad, card.Bottom - pad);

        var statusColour = FilmPalette.Status(poc.Status);
        var y = inner.Top;
        Chip(canvas, _language.Status(poc.Status), inner.Left, y, 22 * U, statusColour);
        y += (22 * U * 1.8f) + (18 * U);

        var (nameSize, nameLines) = FitHeadline(poc.Name.Trim(), Vertical ? 64 : 58, 34, Vertical ? 3 : 2, inner.Width);
        foreach (var line in nameLines)
        {
            y += nameSize * 1.1f;
            Text(canvas, _fonts.Bold, line, inner.Left, y - (nameSize * 0.18f), nameSize, FilmPalette.Text);
        }

        y += 18 * U;
        var metaSize = 23 * U;
        var x = inner.Left;
        if (YearStory.LanguageName(poc) is { } language)
        {
            x += Chip(canvas, language, x, y, metaSize, FilmPalette.Accent2) + (16 * U);
        }

        var date = DateLine(poc);
        if (x > inner.Left && _fonts.Regular.Measure(date, metaSize) > inner.Right - x)
        {
            // No room beside the language (narrow vertical card): the date gets its own line.
            y += (metaSize * 1.8f) + (12 * U);
            x = inner.Left;
        }

        Text(canvas, _fonts.Regular, _fonts.Regular.Truncate(date, metaSize, inner.Right - x), x, y + (metaSize * 1.22f), metaSize, FilmPalette.Muted);
        y += (metaSize * 1.8f) + (20 * U);

        var repoSize = 22 * U;
        var repoTop = inner.Bottom - (repoSize * 1.3f);
        if (poc.Tags.Count > 0)
        {
            y += Chips(canvas, poc.Tags.Select(tag => "#" + tag), new SKRect(inner.Left, y, inner.Right, repoTop), 21 * U, FilmPalette.Accent, Vertical ? 3 : 2) + (14 * U);
        }

        if (!string.IsNullOrWhiteSpace(poc.Description))
        {
            var size = 23 * U;
            var room = (int)((repoTop - (16 * U) - y) / (size * 1.35f));
            foreach (var line in _fonts.Regular.Wrap(poc.Description.ReplaceLineEndings(" "), size, inner.Width, Math.Min(room, Vertical ? 5 : 2)))
            {
                y += size * 1.35f;
                Text(canvas, _fonts.Regular, line, inner.Left, y, size, FilmPalette.Muted);
            }
        }

        var repository = string.IsNullOrWhiteSpace(poc.RepositoryUrl)
            ? (pt ? "sem repositório" : "no repository")
            : poc.RepositoryUrl.Replace("https://", string.Empty, StringComparison.OrdinalIgnoreCase).Replace("http://", string.Empty, StringComparison.OrdinalIgnoreCase).TrimEnd('/');
        var repoColour = string.IsNullOrWhiteSpace(poc.RepositoryUrl) ? FilmPalette.Muted : FilmPalette.Text;
        _stroke.Color = FilmPalette.Border;
        _stroke.StrokeWidth = Math.Max(1, U);
        canvas.DrawLine(inner.Left, repoTop - (14 * U), inner.Right, repoTop - (14 * U), _stroke);
        Text(canvas, _fonts.Mono, _fonts.Mono.Truncate(repository, repoSize, inner.Width), inner.Left, repoTop + repoSize, repoSize, repoColour);
    }

    private void Summary(SKCanvas canvas)
    {
        var pt = _language.IsPortuguese;
        var rest = _story.Rest;
        var y = Margin;
        var bigSize = 120 * U;
        var big = "+" + _language.Number(rest.Count);
        Text(canvas, _fonts.Bold, big, Margin, y + bigSize * 0.8f, bigSize, FilmPalette.Accent);
        var label = pt ? "outras POCs no ano" : "more POCs this year";
        if (Vertical)
        {
            y += (bigSize * 0.8f) + (60 * U);
            Text(canvas, _fonts.SemiBold, label, Margin, y, 36 * U, FilmPalette.Text);
            y += 34 * U;
        }
        else
        {
            var width = _fonts.Bold.Measure(big, bigSize);
            Text(canvas, _fonts.SemiBold, label, Margin + width + (24 * U), y + (bigSize * 0.8f), 36 * U, FilmPalette.Text);
            y += (bigSize * 0.8f) + (30 * U);
        }

        var languages = rest.Select(YearStory.LanguageName).OfType<string>()
            .GroupBy(name => name, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(6).Select(group => $"{group.Key} · {_language.Number(group.Count())}");
        var tags = rest.SelectMany(poc => poc.Tags.Distinct(StringComparer.Ordinal))
            .GroupBy(tag => tag, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(8).Select(group => "#" + group.Key);
        y += Chips(canvas, languages, new SKRect(Margin, y, Width - Margin, ContentBottom), 22 * U, FilmPalette.Accent2, 1) + (14 * U);
        y += Chips(canvas, tags, new SKRect(Margin, y, Width - Margin, ContentBottom), 22 * U, FilmPalette.Accent, Vertical ? 3 : 1) + (26 * U);

        var size = 24 * U;
        var columns = Vertical ? 1 : 2;
        var room = (int)Math.Max(0, (ContentBottom - y) / (size * 1.6f));
        var names = rest.Take(Math.Min(room * columns, Vertical ? 10 : 6)).ToList();
        var rows = (names.Count + columns - 1) / columns;
        var columnWidth = (ContentWidth - ((columns - 1) * (24 * U))) / columns;
        for (var i = 0; i < names.Count; i++)
        {
            var x = Margin + ((i / Math.Max(1, rows)) % columns * (columnWidth + (24 * U)));
            var lineY = y + ((i % Math.Max(1, rows)) * size * 1.6f) + size;
            _fill.Color = FilmPalette.Status(names[i].Status);
            canvas.DrawCircle(x + (6 * U), lineY - (size * 0.35f), 5 * U, _fill);
            Text(canvas, _fonts.Regular, _fonts.Regular.Truncate(names[i].Name.Trim(), size, columnWidth - (24 * U)), x + (22 * U), lineY, size, FilmPalette.Text);
        }
    }

    private void Empty(SKCanvas canvas)
    {
        var pt = _language.IsPortuguese;
        var boxWidth = 300 * U;
        var boxHeight = 180 * U;
        var headline = 50 * U;
        var sub = 28 * U;
        var block = boxHeight + (44 * U) + headline + (20 * U) + sub;
        var top = Margin + ((ContentBottom - Margin - block) / 2);
        var box = new SKRect((Width - boxWidth) / 2, top, (Width + boxWidth) / 2, top + boxHeight);
        using (var dash = SKPathEffect.CreateDash([14 * U, 10 * U], 0))
        {
            _stroke.Color = FilmPalette.Accent;
            _stroke.StrokeWidth = 3 * U;
            _stroke.PathEffect = dash;
            canvas.DrawRoundRect(box, 24 * U, 24 * U, _stroke);
            _stroke.PathEffect = null;
        }

        _fonts.Bold.DrawCentred(canvas, "+", Width / 2f, box.MidY + (34 * U), 100 * U, Paint(FilmPalette.Accent));
        var y = box.Bottom + (44 * U) + headline;
        _fonts.Bold.DrawCentred(canvas, pt ? "Uma página em branco" : "A blank page", Width / 2f, y, headline, Paint(FilmPalette.Text));
        y += (20 * U) + sub;
        _fonts.Regular.DrawCentred(canvas, pt ? "Todo projeto começa com uma ideia." : "Every project starts with an idea.", Width / 2f, y, sub, Paint(FilmPalette.Muted));
    }

    private void Closing(SKCanvas canvas)
    {
        var pt = _language.IsPortuguese;
        var (size, lines) = FitHeadline(pt ? "Esse foi o seu ano" : "That was your year", Vertical ? 84 : 76, 40, 2);
        var name = _request.ViewerName.Trim();
        var nameSize = 40 * U;
        var chipSize = 24 * U;
        var block = (lines.Count * size * 1.08f) + (24 * U) + nameSize + (40 * U) + (chipSize * 1.8f);
        var y = Margin + ((ContentBottom - Margin - block) / 2);
        foreach (var line in lines)
        {
            y += size * 1.08f;
            _fonts.Bold.DrawCentred(canvas, line, Width / 2f, y - (size * 0.18f), size, Paint(FilmPalette.Text));
        }

        y += (24 * U) + nameSize;
        if (name.Length > 0)
        {
            _fonts.SemiBold.DrawCentred(canvas, _fonts.SemiBold.Truncate(name, nameSize, ContentWidth), Width / 2f, y, nameSize, Paint(FilmPalette.Accent));
        }

        y += 40 * U;
        var chips = new List<string>();
        if (_story.Pocs.Count > 0)
        {
            chips.Add(_language.Count(_story.Pocs.Count, "POC", "POCs"));
            chips.Add(pt ? $"{_language.Number(_story.Finished)} concluídas" : $"{_language.Number(_story.Finished)} done");
            if (_story.Languages.Count > 0)
            {
                chips.Add(_language.Count(_story.Languages.Count, pt ? "linguagem" : "language", pt ? "linguagens" : "languages"));
            }
        }
        else
        {
            chips.Add(pt ? "Até breve" : "See you soon");
        }

        var widths = chips.Select(chip => ChipWidth(chip, chipSize)).ToList();
        var x = (Width - (widths.Sum() + ((chips.Count - 1) * 14 * U))) / 2;
        for (var i = 0; i < chips.Count; i++)
        {
            Chip(canvas, chips[i], x, y, chipSize, i == 0 ? FilmPalette.Accent2 : FilmPalette.Accent);
            x += widths[i] + (14 * U);
        }

        _fonts.Regular.DrawCentred(canvas, pt ? "Feito com PocTracker" : "Made with PocTracker", Width / 2f, ContentBottom - (6 * U), 20 * U, Paint(FilmPalette.Muted));
    }

    private void Caption(SKCanvas canvas, string caption)
    {
        var pad = 18 * U;
        var lines = _fonts.Regular.Wrap(caption, CaptionSize, ContentWidth - (2 * pad), CaptionLines);
        if (lines.Count == 0)
        {
            return;
        }

        var lineHeight = CaptionSize * 1.3f;
        var bottom = Height - (Margin * 0.6f);
        var top = bottom - (lines.Count * lineHeight) - (2 * pad) + (CaptionSize * 0.25f);
        _fill.Color = FilmPalette.CaptionBand;
        canvas.DrawRoundRect(new SKRect(Margin, top, Width - Margin, bottom), 16 * U, 16 * U, _fill);
        var y = top + pad + CaptionSize;
        foreach (var line in lines)
        {
            _fonts.Regular.DrawCentred(canvas, line, Width / 2f, y, CaptionSize, Paint(FilmPalette.Text));
            y += lineHeight;
        }
    }

    private static string Plural(int value, string one, string many) => value == 1 ? one : many;

    /// <summary>A figure part-way through its count-up.</summary>
    private static int Grow(int value, float reveal) => (int)Math.Round(value * reveal);

    private float CaptionBandHeight(int lines) => (lines * CaptionSize * 1.3f) + (36 * U);

    private void Brand(SKCanvas canvas)
    {
        var size = 22 * U;
        _fill.Color = FilmPalette.Accent2;
        canvas.DrawCircle(Margin + (7 * U), Margin + (size * 0.62f), 7 * U, _fill);
        Text(canvas, _fonts.SemiBold, "PocTracker", Margin + (22 * U), Margin + size, size, FilmPalette.Text);
    }

    private void MonthBars(SKCanvas canvas, SKRect area, float reveal)
    {
        var months = _story.NewPerMonth;
        if (months.Count == 0)
        {
            return;
        }

        var labelSize = 18 * U;
        var max = Math.Max(1, months.Max(month => month.Count));
        var slot = area.Width / months.Count;
        var barWidth = slot * 0.62f;
        var baseline = area.Bottom - (labelSize * 1.6f);
        for (var i = 0; i < months.Count; i++)
        {
            var x = area.Left + (i * slot) + ((slot - barWidth) / 2);
            var height = Math.Max(3 * U, (baseline - area.Top - (labelSize * 1.4f)) * months[i].Count * reveal / max);
            _fill.Color = months[i].Count == max && _story.BusiestMonth?.Month == months[i].Month ? FilmPalette.Accent2 : FilmPalette.Accent.WithAlpha(0xB0);
            canvas.DrawRoundRect(new SKRect(x, baseline - height, x + barWidth, baseline), 5 * U, 5 * U, _fill);
            var label = _language.Capitalise(months[i].Month.ToString("MMM", _language.Culture).TrimEnd('.'));
            _fonts.Regular.DrawCentred(canvas, label, x + (barWidth / 2), area.Bottom - (labelSize * 0.2f), labelSize, Paint(FilmPalette.Muted));
            if (months[i].Count > 0)
            {
                _fonts.SemiBold.DrawCentred(canvas, _language.Number(Grow(months[i].Count, reveal)), x + (barWidth / 2), baseline - height - (6 * U), labelSize, Paint(FilmPalette.Text));
            }
        }
    }

    /// <summary>A labelled row: the label on its own line above the value in the vertical film, beside it in the landscape one.</summary>
    private float Row(SKCanvas canvas, float y, string label, Func<SKRect, float> value)
    {
        var labelSize = 20 * U;
        if (Vertical)
        {
            Text(canvas, _fonts.SemiBold, label.ToUpper(_language.Culture), Margin, y + labelSize, labelSize, FilmPalette.Muted);
            var used = value(new SKRect(Margin, y + (labelSize * 1.8f), Width - Margin, ContentBottom));
            return y + (labelSize * 1.8f) + used + (22 * U);
        }

        var labelWidth = _rowLabelWidth;
        Text(canvas, _fonts.SemiBold, label.ToUpper(_language.Culture), Margin, y + (labelSize * 1.55f), labelSize, FilmPalette.Muted);
        var height = value(new SKRect(Margin + labelWidth, y, Width - Margin, ContentBottom));
        return y + Math.Max(height, 34 * U) + (14 * U);
    }

    private (float Size, IReadOnlyList<string> Lines) FitHeadline(string text, float largest, float smallest, int maxLines, float? width = null)
    {
        var room = width ?? ContentWidth;
        for (var size = largest; ; size -= 4)
        {
            var lines = _fonts.Bold.Wrap(text, size * U, room, maxLines);
            if (size - 4 < smallest || (lines.Count > 0 && !lines[^1].EndsWith('…')))
            {
                return (size * U, lines);
            }
        }
    }

    private string DateLine(PocDto poc)
    {
        var pt = _language.IsPortuguese;
        var began = _language.Day(YearStory.BeganOn(poc));
        return poc.Status switch
        {
            "done" when poc.FinishedOn is { } finished => pt ? $"Concluída em {_language.Day(finished)}" : $"Finished {_language.Day(finished)}",
            "dropped" when poc.FinishedOn is { } finished => pt ? $"Deixada de lado em {_language.Day(finished)}" : $"Set aside {_language.Day(finished)}",
            "idea" => pt ? $"Anotada em {began}" : $"Noted {began}",
            _ => pt ? $"Começou em {began}" : $"Started {began}",
        };
    }

    /// <summary>A row of pills that wraps onto at most <paramref name="maxRows"/> rows; returns the height used.</summary>
    private float Chips(SKCanvas canvas, IEnumerable<string> chips, SKRect area, float size, SKColor colour, int maxRows)
    {
        var height = size * 1.8f;
        var gap = 12 * U;
        var x = area.Left;
        var row = 0;
        var any = false;
        foreach (var chip in chips)
        {
            var text = _fonts.SemiBold.Truncate(chip, size, area.Width - (size * 1.4f));
            var width = ChipWidth(text, size);
            if (x + width > area.Right && x > area.Left)
            {
                if (row + 1 >= maxRows || area.Top + ((row + 2) * (height + gap)) > area.Bottom)
                {
                    break;
                }

                row++;
                x = area.Left;
            }

            Chip(canvas, text, x, area.Top + (row * (height + gap)), size, colour);
            x += width + gap;
            any = true;
        }

        if (!any)
        {
            Text(canvas, _fonts.Regular, "—", area.Left, area.Top + (size * 1.2f), size, FilmPalette.Muted);
        }

        return ((row + 1) * height) + (row * gap);
    }

    private float ChipWidth(string text, float size) => _fonts.SemiBold.Measure(text, size) + (size * 1.4f);

    /// <summary>A pill with a tinted fill; returns its width.</summary>
    private float Chip(SKCanvas canvas, string text, float x, float y, float size, SKColor colour)
    {
        var width = ChipWidth(text, size);
        var height = size * 1.8f;
        _fill.Color = colour.WithAlpha(0x30);
        canvas.DrawRoundRect(new SKRect(x, y, x + width, y + height), height / 2, height / 2, _fill);
        Text(canvas, _fonts.SemiBold, text, x + (size * 0.7f), y + (height / 2) + (size * 0.36f), size, colour);
        return width;
    }

    private void Panel(SKCanvas canvas, SKRect rect, float radius)
    {
        _fill.Color = FilmPalette.Surface;
        canvas.DrawRoundRect(rect, radius, radius, _fill);
        _stroke.Color = FilmPalette.Border;
        _stroke.StrokeWidth = Math.Max(1, 1.5f * U);
        canvas.DrawRoundRect(rect, radius, radius, _stroke);
    }

    private void Glow(SKCanvas canvas, SKPoint centre, float radius, SKColor colour)
    {
        using var shader = SKShader.CreateRadialGradient(centre, radius, [colour, colour.WithAlpha(0)], SKShaderTileMode.Clamp);
        _fill.Shader = shader;
        canvas.DrawCircle(centre, radius, _fill);
        _fill.Shader = null;
    }

    private float Text(SKCanvas canvas, FilmFace face, string text, float x, float baseline, float size, SKColor colour) =>
        face.Draw(canvas, text, x, baseline, size, Paint(colour));

    private SKPaint Paint(SKColor colour)
    {
        _text.Color = colour;
        return _text;
    }
}
