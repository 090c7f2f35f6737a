using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;
using UglyToad.PdfPig;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>GET /api/reports/pocs.pdf over real HTTP between the reports and pocs apps.</summary>
public sealed class PdfReportTests(ReportsFixture reports) : IClassFixture<ReportsFixture>
{
    [Fact]
    public async Task The_pdf_is_a_download_of_the_callers_search_in_their_language()
    {
        var owner = TestUser.NewTenantOwner();
        var member = owner.Colleague();
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Leitor de boletos", Language = "Golang", Tags = ["ocr"], Status = "done", Visibility = "tenant" });
        await reports.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Segredo do dono", Visibility = "private" });
        await reports.Pocs.CreateAsync(TestUser.NewTenantOwner(), new PocWriteRequest { Name = "Outra empresa" });

        using var response = await reports.ClientFor(member, language: "pt-BR,pt;q=0.9,en;q=0.5").GetAsync("/api/reports/pocs.pdf?status=done");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^pocs-\d{4}-\d{2}-\d{2}\.pdf$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("Relatório de POCs", text, StringComparison.Ordinal);
        Assert.Contains(owner.TenantId.ToString(), text, StringComparison.Ordinal);
        Assert.Contains("Situação Concluído", text, StringComparison.Ordinal); // the filter, on the cover
        Assert.Contains("Leitor de boletos", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Segredo do dono", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Outra empresa", text, StringComparison.Ordinal);
        Assert.Contains($"Página {pdf.NumberOfPages} de {pdf.NumberOfPages}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_dates_and_filters_the_search_refuses_are_400_problems()
    {
        var client = reports.ClientFor(TestUser.NewTenantOwner());

        using var inverted = await client.GetAsync("/api/reports/pocs.pdf?createdFrom=2026-05-02&createdTo=2026-05-01");
        using var unknownStatus = await client.GetAsync("/api/reports/pocs.pdf?status=finished");
        using var endOfTime = await client.GetAsync("/api/reports/pocs.pdf?createdTo=9999-12-31");

        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        Assert.Contains("createdTo", await inverted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, endOfTime.StatusCode);
        Assert.Contains("createdTo", await endOfTime.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Equal("application/problem+json", unknownStatus.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_poc_stored_with_text_no_font_or_normaliser_takes_appears_in_the_pdf_now_and_from_a_job()
    {
        var owner = TestUser.NewTenantOwner();
        await reports.Pocs.StoreBypassingTheApiAsync(owner, StoredText.Name, StoredText.Name, StoredText.Language, StoredText.Tag);
        var client = reports.ClientFor(owner.Colleague());

        using var now = await client.GetAsync("/api/reports/pocs.pdf");
        Assert.True(now.StatusCode == HttpStatusCode.OK, await now.Content.ReadAsStringAsync());
        StoredText.AssertShownIn(await now.Content.ReadAsByteArrayAsync());

        using var accepted = await client.GetAsync("/api/reports/pocs.pdf?async=true");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/reports/jobs/{id}?wait=30");
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        using var file = await reports.CreateClient().GetAsync(done.GetProperty("downloadUrl").GetString());
        StoredText.AssertShownIn(await file.Content.ReadAsByteArrayAsync());
    }
}

/// <summary>Text a POC may have been stored with before the pocs app refused it, and how the PDF shows it.</summary>
internal static class StoredText
{
    /// <summary>Non-characters, control characters, a bidi mark, CJK that DejaVu cannot draw.</summary>
    public const string Name = "Antes \uFFFE\uFFFF\u0001\u200F漢字 depois";

    public const string Language = "x\uFFFEy";

    public const string Tag = "tag\uFFFF";

    public static void AssertShownIn(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Join(' ', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        // Each undrawable character as U+FFFD, the control as a space, the mark dropped.
        Assert.Contains("Antes \uFFFD\uFFFD \uFFFD\uFFFD depois", text, StringComparison.Ordinal);
        Assert.Contains("x\uFFFDy", text, StringComparison.Ordinal);
        Assert.Contains("tag\uFFFD", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFE', text);
        Assert.DoesNotContain('\0', text);
    }
}
