using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Search;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Export;

/// <summary>
/// <c>GET /api/pocs/export</c>: every POC a search matches, as NDJSON (one <see cref="PocDto"/> per line),
/// streamed as it is read — the reports app's source. Same filters and visibility as the search, plus
/// <c>createdFrom</c>/<c>createdTo</c> (inclusive days, UTC). Pages of <see cref="PageSize"/> are read
/// one after another by keyset, each in its own short transaction, so a 100,000-POC export neither
/// holds a transaction open nor the whole list in memory.
/// </summary>
internal static class ExportPocs
{
    public const int PageSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static void MapExportPocs(this IEndpointRouteBuilder api) => api
        .MapGet("/export", HandleAsync)
        .WithName("ExportPocs")
        .WithSummary("Every POC a search matches, as NDJSON")
        .WithDescription("The search's filters and sort (default newest; limit and cursor do not apply), plus createdFrom/createdTo (yyyy-MM-dd, inclusive, UTC; 0001-01-01 to 9999-12-31). Streamed: one PocDto per line. sort=relevance holds the first 1,000 matches ranked.")
        .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");

    private static IResult HandleAsync(
        [AsParameters] PocSearchParameters parameters,
        [FromQuery(Name = PocSearchKeys.CreatedFrom)] string? createdFrom,
        [FromQuery(Name = PocSearchKeys.CreatedTo)] string? createdTo,
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        CancellationToken cancellationToken)
    {
        // Newest first unless a sort is asked for: a free-text search's default, relevance, ranks only the first
        // 1,000 matches (docs/performance.md), and an export holds every match.
        var (query, errors) = (parameters with { Sort = parameters.Sort ?? "newest", Limit = null, Cursor = null }).Parse();
        var range = CreatedRange.Parse(createdFrom, createdTo, errors);
        if (query is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        query = query with { Limit = PageSize };
        return Results.Stream(async output =>
        {
            await foreach (var poc in ReadAllAsync(database, user, query, range, cancellationToken))
            {
                await JsonSerializer.SerializeAsync(output, poc, Json, cancellationToken);
                await output.WriteAsync(NewLine, cancellationToken);
            }
        }, "application/x-ndjson");
    }

    private static async IAsyncEnumerable<PocDto> ReadAllAsync(
        TenantDatabase database, TenantUser user, PocSearchQuery query, CreatedRange range,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var rows = await SearchPage.ReadAsync(database, user, query, cancellationToken);
            foreach (var poc in rows.Take(query.Limit).Select(row => row.ToDto()))
            {
                // Sorted by creation, the walk stops at the range's far end instead of reading past it.
                if (range.IsPast(query.Sort, poc.CreatedAt))
                {
                    yield break;
                }

                if (range.Contains(poc.CreatedAt))
                {
                    yield return poc;
                }
            }

            if (rows.Count <= query.Limit)
            {
                yield break;
            }

            var last = rows[query.Limit - 1];
            query = query with { Cursor = new SearchCursor(query.Sort, last.SortKey!, last.Id) };
        }
    }

    /// <summary>Creation days, inclusive, in UTC: any day from 0001-01-01 to 9999-12-31.</summary>
    private sealed record CreatedRange(DateTimeOffset? From, DateTimeOffset? Until)
    {
        public static CreatedRange Parse(string? from, string? to, Dictionary<string, string[]> errors)
        {
            var start = Day("createdFrom", from, errors);
            var end = Day("createdTo", to, errors);
            if (start is not null && end is not null && start > end)
            {
                errors["createdTo"] = ["createdTo is before createdFrom."];
            }

            // Until is the start of the day after: the last day a date can name (9999-12-31) has none, and
            // nothing is created after it, so it bounds nothing.
            return new CreatedRange(
                start is { } first ? new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                end is { } last && last < DateOnly.MaxValue ? new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);
        }

        public bool Contains(DateTimeOffset createdAt) => (From is null || createdAt >= From) && (Until is null || createdAt < Until);

        public bool IsPast(string sort, DateTimeOffset createdAt) => sort switch
        {
            "newest" => From is not null && createdAt < From,
            "oldest" => Until is not null && createdAt >= Until,
            _ => false,
        };

        private static DateOnly? Day(string field, string? text, Dictionary<string, string[]> errors)
        {
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            errors[field] = [$"{field} must be a date as yyyy-MM-dd, from 0001-01-01 to 9999-12-31."];
            return null;
        }
    }
}
