namespace PocTracker.Reports.UnitTests;

/// <summary>The reports the PDF tests read, each rendered once for the whole test class.</summary>
public sealed class SampleReports
{
    private readonly Lazy<RenderedReport> _english = new(() => RenderedReport.Render(GeneratedPocs.Make(500), "en"));
    private readonly Lazy<RenderedReport> _portuguese = new(() => RenderedReport.Render(GeneratedPocs.Make(1234, seed: 7), "pt-BR"));
    private readonly Lazy<RenderedReport> _empty = new(() => RenderedReport.Render([], "en", filters: []));

    /// <summary>500 POCs in English: a table over many pages.</summary>
    internal RenderedReport English => _english.Value;

    /// <summary>1,234 POCs in pt-BR: enough for a thousands separator.</summary>
    internal RenderedReport Portuguese => _portuguese.Value;

    /// <summary>No POCs at all, no filters.</summary>
    internal RenderedReport Empty => _empty.Value;
}
