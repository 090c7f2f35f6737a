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
/// app's, subject to RLS), same transaction shape (set the tenant, page query, count query,
/// commit), same SQL (PocSearchSql.Build on the same parsed parameters), rows read the same way.
/// </summary>
internal sealed class SqlSearch(NpgsqlDataSource dataSource)
{
    private const string SetTenantSql = "select set_config('app.tenant_id', @tenant, true), set_config('app.user_id', @user, true)";

    public async Task<(List<PocRow> Page, int Count)> RunAsync(SearchRequest request, TenantUser user, CancellationToken cancellationToken)
    {
        var (pageSql, countSql, parameters) = Build(request, user);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SetTenantSql, TenantParameters(user), transaction, cancellationToken: cancellationToken));
        var page = (await connection.QueryAsync<PocRow>(new CommandDefinition(pageSql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
        var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(countSql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (page, count);
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the page and count queries of <paramref name="request"/>.</summary>
    public async Task<string> ExplainAsync(SearchRequest request, TenantUser user, CancellationToken cancellationToken)
    {
        var (pageSql, countSql, parameters) = Build(request, user);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SetTenantSql, TenantParameters(user), transaction, cancellationToken: cancellationToken));
        var page = await connection.QueryAsync<string>(new CommandDefinition("explain (analyze, buffers) " + pageSql, parameters, transaction, cancellationToken: cancellationToken));
        var count = await connection.QueryAsync<string>(new CommandDefinition("explain (analyze, buffers) " + countSql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.RollbackAsync(cancellationToken);
        return $"-- page query\n{pageSql}\n{string.Join('\n', page)}\n-- count query\n{countSql}\n{string.Join('\n', count)}";
    }

    private static (string PageSql, string CountSql, DynamicParameters Parameters) Build(SearchRequest request, TenantUser user)
    {
        var (query, errors) = request.Parameters.Parse();
        return query is null
            ? throw new InvalidOperationException($"{request.Path} is not a valid search: {string.Join("; ", errors.SelectMany(e => e.Value))}")
            : PocSearchSql.Build(query, user, SearchPocs.CountCap + 1);
    }

    private static object TenantParameters(TenantUser user) => new { tenant = user.TenantId.ToString(), user = user.UserId.ToString() };
}
