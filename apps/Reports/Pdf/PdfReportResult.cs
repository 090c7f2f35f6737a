namespace PocTracker.Reports.Pdf;

/// <summary>What a finished report holds: for logs and metrics.</summary>
internal sealed record PdfReportResult(long Pocs, int Pages);
