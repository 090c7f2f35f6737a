namespace PocTracker.Mobile.Core.Reports;

/// <summary>The reports page's texts (ReportsText.resx, ReportsText.pt-BR.resx), read through <c>IStringLocalizer&lt;ReportsText&gt;</c>; the state holds keys and enums, the views translate.</summary>
public sealed class ReportsText;
