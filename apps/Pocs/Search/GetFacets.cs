using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Pocs;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Search;

internal static class GetFacets
{
    /// <summary>The most used tags are listed; a tenant with thousands of tags gets its top ones.</summary>
    public const int MaxTags = 100;

    public static void MapGetFacets(this IEndpointRouteBuilder api) => api
        .MapGet("/facets", HandleAsync)
        .WithName("GetPocFacets")
        .WithSummary("Languages, tags and statuses with counts")
        .WithDescription($"Counts over every POC the caller may see; tags are the {MaxTags} most used.");

    private static async Task<Ok<PocFacets>> HandleAsync(
        TenantUser user,
        [FromKeyedServices(PocsModule.AppId)] TenantDatabase database,
        CancellationToken cancellationToken)
    {
        var facets = await database.InTenantTransactionAsync(user, async tx =>
        {
            var parameters = new DynamicParameters(PocAccess.Parameters(user)).With("MaxTags", MaxTags);
            using var grid = await tx.Connection.QueryMultipleAsync(tx.Command(
                $"""
                select language as Value, count(*)::int as Count from pocs where {PocAccess.VisibleSql} and language is not null
                group by language order by count(*) desc, language;
                select tag as Value, count(*)::int as Count from pocs, unnest(tags) as tag where {PocAccess.VisibleSql}
                group by tag order by count(*) desc, tag limit @MaxTags;
                select status as Value, count(*)::int as Count from pocs where {PocAccess.VisibleSql}
                group by status order by count(*) desc, status;
                """, parameters));
            var languages = (await grid.ReadAsync<(string Value, int Count)>())
                .Select(f => new FacetCount(f.Value, Language.DisplayNameOf(f.Value)!, f.Count)).ToList();
            var tags = (await grid.ReadAsync<(string Value, int Count)>()).Select(f => new FacetCount(f.Value, f.Value, f.Count)).ToList();
            var statuses = (await grid.ReadAsync<(string Value, int Count)>()).Select(f => new FacetCount(f.Value, f.Value, f.Count)).ToList();
            return new PocFacets(languages, tags, statuses);
        }, cancellationToken);
        return TypedResults.Ok(facets);
    }
}
