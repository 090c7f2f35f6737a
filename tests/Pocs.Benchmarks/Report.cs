using System.Globalization;
using System.Text;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>One query kind's results for one tenant: over HTTP and as SQL.</summary>
internal sealed record KindResult(string Kind, double AverageHits, Measurement Http, Measurement Sql)
{
    public double Ratio => Http.P95 / Sql.P95;
}

/// <summary>The Markdown report: a table per tenant and how the figures compare with the targets.</summary>
internal static class Report
{
    public const double TargetP95Ms = 15;
    public const double TargetRatio = 2;

    public static string Table(string title, IReadOnlyList<KindResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {title}").AppendLine()
            .AppendLine("| kind | hits | HTTP p50 | HTTP p95 | HTTP p99 | HTTP req/s | SQL p50 | SQL p95 | SQL p99 | SQL req/s | HTTP/SQL p95 |")
            .AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Kind} | {r.AverageHits:F0} | {r.Http.P50:F1} | {r.Http.P95:F1} | {r.Http.P99:F1} | {r.Http.RequestsPerSecond:F0} | " +
                $"{r.Sql.P50:F1} | {r.Sql.P95:F1} | {r.Sql.P99:F1} | {r.Sql.RequestsPerSecond:F0} | {r.Ratio:F2} |");
        }

        var errors = results.Where(r => r.Http.Errors + r.Sql.Errors > 0).ToList();
        foreach (var r in errors)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"**{r.Kind}: {r.Http.Errors} HTTP and {r.Sql.Errors} SQL errors** (first: {r.Http.FirstError ?? r.Sql.FirstError})");
        }

        return text.AppendLine().ToString();
    }

    public static string Verdict(IReadOnlyList<KindResult> big, IReadOnlyList<KindResult> all)
    {
        var slow = big.Where(r => r.Http.P95 > TargetP95Ms).Select(r => $"{r.Kind} ({r.Http.P95:F1} ms)").ToList();
        var far = all.Where(r => r.Ratio > TargetRatio).Select(r => $"{r.Kind} ({r.Ratio:F2}×)").Distinct().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            Targets: big-tenant HTTP p95 ≤ {TargetP95Ms} ms: {(slow.Count == 0 ? "met for every kind" : "missed by " + string.Join(", ", slow))}.
            HTTP p95 within {TargetRatio}× of SQL p95: {(far.Count == 0 ? "met for every kind and tenant" : "missed by " + string.Join(", ", far))}.

            """);
    }
}
