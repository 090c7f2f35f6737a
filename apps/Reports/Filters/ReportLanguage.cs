namespace PocTracker.Reports.Filters;

/// <summary>The report's language: Brazilian Portuguese when the caller's first choice is Portuguese, English otherwise.</summary>
internal static class ReportLanguage
{
    public static bool PrefersPortuguese(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first
            && first.Value.Value?.StartsWith("pt", StringComparison.OrdinalIgnoreCase) == true;
    }

    public static string Of(HttpRequest request) => PrefersPortuguese(request) ? "pt-BR" : "en";
}
