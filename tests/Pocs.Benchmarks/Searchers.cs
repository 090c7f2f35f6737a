using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Npgsql;
using PocTracker.Pocs.Catalog;
using PocTracker.Pocs.Search;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>A search through the API, as a client makes it: bearer token, query string, JSON page.</summary>
internal sealed class HttpSearch(HttpClient client)
{
    /// <summary>Sends the request and reads the whole body.</summary>
    public async Task RunAsync(SearchRequest request, string token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(request.Path, UriKind.Relative));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{request.Path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The ids on the page and the (capped) total, to check the API and the SQL agree.</summary>
    public async Task<(Guid[] Ids, int Total)> FetchAsync(SearchRequest request, string token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(request.Path, UriKind.Relative));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(message, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var ids = page.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToArray();
        return (ids, page.RootElement.GetProperty("total").GetInt32());
    }
}

/// <summary>
/// The floor: what the endpoint does in the database, without HTTP, auth or JSON. Same role (the
/// app's, subject to RLS), same transaction shape (set the tenant, keys query when the search has
/// tags, a name or words, page query with its count, commit), same code (PocSearchSql.RunAsync on
/// the same parsed parameters), rows read the same way.
/// </summary>
internal sealed class SqlSearch(NpgsqlDataSource dataSource)
{
    private const string SetTenantSql = "select set_config('app.tenant_id', @tenant, true), set_config('app.user_id', @user, true)";

    public async Task<(List<PocRow> Page, int Count)> RunAsync(SearchRequest request, TenantUser user, CancellationToken cancellationToken)
    {
        var query = Parse(request);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SetTenantSql, TenantParameters(user), transaction, cancellationToken: cancellationToken));
        var (page, count, _) = await PocSearchSql.RunAsync(connection, transaction, query, user, SearchPocs.CountCap + 1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (page, count);
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the keys and page queries of <paramref name="request"/>.</summary>
    public async Task<string> ExplainAsync(SearchRequest request, TenantUser user, CancellationToken cancellationToken)
    {
        var query = Parse(request);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SetTenantSql, TenantParameters(user), transaction, cancellationToken: cancellationToken));
        var explained = new System.Text.StringBuilder();
        if (PocSearchSql.KeysQuery(query, user) is var (keysSql, keysParameters))
        {
            var keys = await connection.QueryAsync<string>(new CommandDefinition("explain (analyze, buffers) " + keysSql, keysParameters, transaction, cancellationToken: cancellationToken));
            explained.Append("-- keys query\n").Append(keysSql).Append('\n').AppendJoin('\n', keys).Append('\n');
        }

        var (pageSql, _, parameters) = await PocSearchSql.PrepareAsync(connection, transaction, query, user, SearchPocs.CountCap + 1, cancellationToken);
        var page = await connection.QueryAsync<string>(new CommandDefinition("explain (analyze, buffers) " + pageSql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.RollbackAsync(cancellationToken);
        return explained.Append("-- page query (with its count)\n").Append(pageSql).Append('\n').AppendJoin('\n', page).ToString();
    }

    private static PocSearchQuery Parse(SearchRequest request)
    {
        var (query, errors) = request.Parameters.Parse();
        return query ?? throw new InvalidOperationException($"{request.Path} is not a valid search: {string.Join("; ", errors.SelectMany(e => e.Value))}");
    }

    private static object TenantParameters(TenantUser user) => new { tenant = user.TenantId.ToString(), user = user.UserId.ToString() };
}
