using System.Globalization;
using System.Text;

namespace PocTracker.Web.Benchmarks;

/// <summary>The Markdown report: every figure with its spread, next to the budget docs/performance.md sets.</summary>
internal static class Report
{
    /// <summary>The budget (docs/performance.md, "Web app"): what a first visit may transfer and how long the steps may take on loopback.</summary>
    public static readonly (long FirstLoadBytes, TimeSpan ColdToList, TimeSpan WarmToList, double SearchP95Ms) Budget =
        (FirstLoadBytes: 4_000_000, ColdToList: TimeSpan.FromSeconds(3), WarmToList: TimeSpan.FromSeconds(1.5), SearchP95Ms: 150);

    public static string Markdown(BudgetResults results, BenchmarkOptions options, string loadAverage, string served)
    {
        var text = new StringBuilder();
        Line(text, $"## Web app: first load and interactions ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Line(text, "");
        Line(text, $"One headless Chromium (Debian's), a 390×844 phone profile, against Standalone on loopback with the demo data, served by {served}; "
            + $"{options.Loads} loads of each kind, {options.Searches} searches and as many clears, one step after another "
            + $"(offered load = achieved load: a closed loop of one person). Load average at the start: {loadAverage}.");
        Line(text, "");
        Line(text, "| load | until usable | bytes until usable (requests) | bytes in all | budget |");
        Line(text, "|---|---|---|---|---|");
        LoadRow(text, "first visit of / (nothing cached, signed out; usable = the Sign in button)", results.NewcomerLoads,
            $"≤ {Megabytes(Budget.FirstLoadBytes)} in all: {Verdict(results.NewcomerLoads.Max(l => l.BytesInAll) <= Budget.FirstLoadBytes)}");
        LoadRow(text, "signed in, nothing cached (usable = the first POC card)", results.ColdSignedInLoads,
            $"p50 ≤ {Budget.ColdToList.TotalSeconds:0.#} s: {Verdict(Median(results.ColdSignedInLoads.Select(l => l.Time.TotalMilliseconds)) <= Budget.ColdToList.TotalMilliseconds)}");
        LoadRow(text, "signed in, cached (service worker and HTTP cache)", results.WarmSignedInLoads,
            $"p50 ≤ {Budget.WarmToList.TotalSeconds:0.#} s: {Verdict(Median(results.WarmSignedInLoads.Select(l => l.Time.TotalMilliseconds)) <= Budget.WarmToList.TotalMilliseconds)}");
        Line(text, "");
        Line(text, "| interaction (input event → rendered answer, measured in the page) | n | p50 | p95 | max | budget |");
        Line(text, "|---|---|---|---|---|---|");
        InteractionRow(text, "search (free text typed into the list's box)", results.SearchMilliseconds, $"p95 ≤ {Budget.SearchP95Ms} ms: {Verdict(Percentile(results.SearchMilliseconds, 0.95) <= Budget.SearchP95Ms)}");
        InteractionRow(text, "clear the search (the whole first page again)", results.ClearMilliseconds, $"p95 ≤ {Budget.SearchP95Ms} ms: {Verdict(Percentile(results.ClearMilliseconds, 0.95) <= Budget.SearchP95Ms)}");
        InteractionRow(text, "next page (scroll to the end of the list)", results.NextPageMilliseconds, "—");
        Line(text, "");
        Line(text, "Largest transfers of the first visit (the last run):");
        Line(text, "");
        foreach (var (url, bytes) in results.NewcomerLoads[^1].Largest)
        {
            Line(text, $"- {Kilobytes(bytes)} {new Uri(url).AbsolutePath}");
        }

        return text.ToString();
    }

    private static void LoadRow(StringBuilder text, string name, IReadOnlyList<Load> loads, string budget)
    {
        var times = loads.Select(l => l.Time.TotalMilliseconds).ToList();
        Line(text, $"| {name} | p50 {Milliseconds(Median(times))}, max {Milliseconds(times.Max())} | "
            + $"{Megabytes((long)Median(loads.Select(l => (double)l.BytesUntilUsable)))} ({loads[^1].RequestsUntilUsable}) | "
            + $"{Megabytes((long)Median(loads.Select(l => (double)l.BytesInAll)))} | {budget} |");
    }

    private static void InteractionRow(StringBuilder text, string name, IReadOnlyList<double> milliseconds, string budget) =>
        Line(text, $"| {name} | {milliseconds.Count} | {Milliseconds(Median(milliseconds))} | {Milliseconds(Percentile(milliseconds, 0.95))} | {Milliseconds(milliseconds.Max())} | {budget} |");

    private static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

    /// <summary>Nearest rank.</summary>
    private static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    private static string Milliseconds(double value) => value.ToString(value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    private static string Kilobytes(long bytes) => (bytes / 1000.0).ToString("0", CultureInfo.InvariantCulture) + " kB";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
