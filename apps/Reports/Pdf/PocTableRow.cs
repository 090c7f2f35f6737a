namespace PocTracker.Reports.Pdf;

/// <summary>
/// One POC as the table will print it, already fitted to its cells: only the text that shows
/// (cut with an ellipsis where it does not fit), lines joined by <c>\n</c>, and the row's height.
/// This is what the report buffers per POC (a few hundred bytes) until the summary is drawn.
/// </summary>
internal sealed record PocTableRow(string Name, string? Description, string Language, string Status, string Tags, DateOnly Created, float Height);
