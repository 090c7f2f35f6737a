using System.Globalization;
using PocTracker.Reports.Pdf;

namespace PocTracker.Reports.UnitTests;

public sealed class PdfReportTextTests
{
    [Fact]
    public void Portuguese_writes_day_first_dates_and_dot_thousands()
    {
        var text = PdfReportText.For(CultureInfo.GetCultureInfo("pt-BR"));

        Assert.Equal("25/11/2026", text.Date(new DateOnly(2026, 11, 25)));
        Assert.Equal("1.234", text.Number(1234));
        Assert.Equal("Página 3 de 12", text.Page(3, 12));
        Assert.Equal("Em andamento", text.Status("in-progress"));
    }

    [Fact]
    public void English_writes_month_first_dates_and_comma_thousands()
    {
        var text = PdfReportText.For(CultureInfo.GetCultureInfo("en"));

        Assert.Equal("11/25/2026", text.Date(new DateOnly(2026, 11, 25)));
        Assert.Equal("1,234", text.Number(1234));
        Assert.Equal("Page 1,000 of 1,200", text.Page(1000, 1200));
    }

    [Fact]
    public void Any_Portuguese_gets_pt_BR_and_anything_else_English()
    {
        Assert.Same(PdfReportText.Portuguese, PdfReportText.For(CultureInfo.GetCultureInfo("pt-PT")));
        Assert.Same(PdfReportText.English, PdfReportText.For(CultureInfo.GetCultureInfo("es")));
    }

    [Fact]
    public void Filter_values_are_shown_as_the_reader_knows_them()
    {
        var text = PdfReportText.Portuguese;

        Assert.Equal("01/06/2025", text.FilterValue("createdFrom", "2025-06-01"));
        Assert.Equal("Ideia, Concluído", text.FilterValue("status", "idea,done"));
        Assert.Equal("ação", text.FilterValue("q", "ação"));
    }
}
