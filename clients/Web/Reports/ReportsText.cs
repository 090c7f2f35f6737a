namespace PocTracker.Web.Reports;

/// <summary>The reports page's texts (ReportsText.resx, ReportsText.pt-BR.resx).</summary>
public sealed class ReportsText;
