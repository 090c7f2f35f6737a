using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.Pocs.Search.Index;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search;

internal static class SearchPocs
{
    /// <summary>
    /// Counting stops here: past it the total is a lower bound ("100+"). Counting to 1,000 visited a
    /// thousand scattered rows per request and cost more than the page itself on big tenants
    /// (docs/performance.md, finding 2); a list shows "100+" just as well.
    /// </summary>
    public const int CountCap = 100;

    public static void MapSearchPocs(this IEndpointRouteBuilder api) => api
        .MapGet("/", HandleAsync)
        .WithName("SearchPocs")
        .WithSummary("List and search POCs")
        .WithDescription("Filters combine with AND. Pages are keyset-paginated: pass nextCursor back as cursor, with the same filters and sort (the page size may change); a cursor from another search, user or tenant, or one that was changed, is a 400 on cursor.");

    private static async Task<Results<Ok<PocPage>, ValidationProblem>> HandleAsync(
        [AsParameters] PocSearchParameters parameters,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        IndexedSearch indexedSearch,
        SearchCursorProtector cursors,
        PocsMetrics metrics,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var (query, errors) = parameters.Parse(cursors, user);
        if (query is null)
        {
            return Problems.Validation(errors);
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = PocsMetrics.ActivitySource.StartActivity("pocs.search");
        activity?.SetTag("poctracker.search.kind", query.Kind);

        // The tenant's in-memory index when it can answer; PostgreSQL otherwise (and it always could: same results).
        var path = "index";
        var (rows, total, truncated) = await indexedSearch.TrySearchAsync(database, user, query, CountCap + 1, cancellationToken) is var (indexRows, indexTotal)
            ? (indexRows, indexTotal, false)
            : await SearchDatabaseAsync();
        activity?.SetTag("poctracker.search.path", path);
        context.Response.Headers["Server-Timing"] = $"search;desc=\"{path}\";dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.###}";

        var hasMore = rows.Count > query.Limit;
        var items = rows.Take(query.Limit).ToList();
        var nextCursor = hasMore ? cursors.Seal(new SearchCursor(query.Sort, items[^1].SortKey!, items[^1].Id), query, user) : null;

        metrics.Searched(query.Kind, path, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(new PocPage(
            items.Select(row => row.ToDto()).ToList(),
            nextCursor,
            Math.Min(total, CountCap),
            TotalIsExact: total <= CountCap && !truncated));

        Task<(List<PocRow> Rows, int Total, bool Truncated)> SearchDatabaseAsync()
        {
            path = "database";
            return database.InTenantTransactionAsync(
                user, tx => PocSearchSql.RunAsync(tx.Connection, tx.Transaction, query, user, CountCap + 1, tx.CancellationToken), cancellationToken);
        }
    }
}
