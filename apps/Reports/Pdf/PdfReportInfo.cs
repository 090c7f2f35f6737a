using System.Globalization;

namespace PocTracker.Reports.Pdf;

/// <summary>What a report is about and for whom, printed on its cover.</summary>
/// <param name="Tenant">The tenant's name, or its id when the token carries no name.</param>
/// <param name="User">Who asked for it: the token's <c>name</c>, else its subject id.</param>
/// <param name="Filters">The filters that were given, as query names and values (see <c>ReportFilters.Given</c>).</param>
/// <param name="Culture">pt-BR or en: the report's words, dates and numbers.</param>
internal sealed record PdfReportInfo(string Tenant, string User, IReadOnlyList<(string Name, string Value)> Filters, CultureInfo Culture);
