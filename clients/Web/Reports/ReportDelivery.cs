using PocTracker.Contracts.Pocs;

namespace PocTracker.Web.Reports;

/// <summary>
/// How a report reaches the person (docs/web.md, "Reports"): a small one is downloaded at once through the SDK and
/// saved from a Blob; a large one is made by a background job, whose short-lived link the browser downloads itself.
/// </summary>
public static class ReportDelivery
{
    /// <summary>
    /// The most POCs a report is downloaded at once for. Above it (or when the search could not say how many match) a
    /// job makes it: a direct download holds the whole file in the app's memory twice (the WebAssembly heap, then the
    /// Blob), a job's link streams straight to disk, and the person can leave the page meanwhile. Below the reports
    /// app's own limit for a PDF made at once (2,000 POCs), so a direct PDF is never turned into a job by the server.
    /// </summary>
    public const int DirectLimit = 1_000;

    /// <summary>True when the report of a search with this count must be a background job.</summary>
    /// <param name="count">The search's first page (its total), or null when it could not be counted.</param>
    public static bool NeedsJob(PocPage? count) => count is not { TotalIsExact: true } || count.Total > DirectLimit;

    /// <summary>
    /// The filters a page address carries (the list's "Download report" link writes them with
    /// <see cref="PocSearchFilters.ToQueryString"/>); empty values count as not given.
    /// </summary>
    public static PocSearchFilters FiltersOf(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var read = PocSearchFilters.FromQueryString(address.Query);
        return new PocSearchFilters
        {
            Q = Given(read.Q), Name = Given(read.Name), Language = Given(read.Language), Tags = Given(read.Tags),
            TagMode = Given(read.TagMode), Status = Given(read.Status), Owner = Given(read.Owner),
            CreatedFrom = Given(read.CreatedFrom), CreatedTo = Given(read.CreatedTo),
        };

        static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
