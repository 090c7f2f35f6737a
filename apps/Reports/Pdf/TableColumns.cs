namespace PocTracker.Reports.Pdf;

/// <summary>The POC table's column headings.</summary>
internal sealed record TableColumns(string Number, string Name, string Language, string Status, string Tags, string Created);
