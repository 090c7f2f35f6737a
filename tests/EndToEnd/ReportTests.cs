using System.Text;
using PocTracker.Contracts.Pocs;
using PocTracker.EndToEnd.People;
using PocTracker.Sdk.Downloads;
using PocTracker.Sdk.Reports;

namespace PocTracker.EndToEnd;

/// <summary>CSV and PDF reports, at once and as background jobs (job, status with long polling, download link).</summary>
public sealed class ReportTests(ProductUnderTest product)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Csv_and_pdf_reports_download_at_once_and_through_background_jobs()
    {
        using var owner = await Organisation.SignUpAsync(product, "Reports Ltda");
        await owner.Pocs.CreateAsync(new PocWriteRequest { Name = "Relatório em PDF", Language = "csharp", Tags = ["pdf"] });
        await owner.Pocs.CreateAsync(new PocWriteRequest { Name = "Planilha CSV", Language = "python", Tags = ["csv"] });
        await owner.Pocs.CreateAsync(new PocWriteRequest { Name = "Not in the report", Language = "go" });
        var filters = new PocSearchFilters { Language = "csharp" };
        var both = new PocSearchFilters { Tags = "pdf,csv" };

        await using (var csv = await owner.Reports.DownloadAsync(ReportsClient.Csv, both, culture: "en"))
        {
            Assert.Equal("text/csv", csv.MediaType);
            var text = await TextOf(csv);
            Assert.Contains("Relatório em PDF", text, StringComparison.Ordinal);
            Assert.Contains("Planilha CSV", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Not in the report", text, StringComparison.Ordinal);
        }

        await using (var pdf = await owner.Reports.DownloadAsync(ReportsClient.Pdf, filters))
        {
            Assert.Equal("application/pdf", pdf.MediaType);
            Assert.StartsWith("%PDF-", await TextOf(pdf), StringComparison.Ordinal);
        }

        var csvJob = await owner.Reports.StartAsync(ReportsClient.Csv, both);
        var pdfJob = await owner.Reports.StartAsync(ReportsClient.Pdf, both);
        var csvDone = await owner.Reports.WaitForJobAsync(csvJob.Id, JobTimeout);
        var pdfDone = await owner.Reports.WaitForJobAsync(pdfJob.Id, JobTimeout);
        Assert.Equal(("succeeded", 2L), (csvDone.Status, csvDone.Rows));
        Assert.Equal(("succeeded", 2L), (pdfDone.Status, pdfDone.Rows));

        await using (var file = await owner.Reports.DownloadAsync(csvDone))
        {
            var text = await TextOf(file);
            Assert.Contains("Planilha CSV", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Not in the report", text, StringComparison.Ordinal);
        }

        await using (var file = await owner.Reports.DownloadAsync(pdfDone))
        {
            Assert.StartsWith("%PDF-", await TextOf(file), StringComparison.Ordinal);
        }
    }

    private static async Task<string> TextOf(DownloadedFile file)
    {
        using var buffer = new MemoryStream();
        await file.Content.CopyToAsync(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
