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
    private long databaseAnswers;

    /// <summary>Searches the app answered from PostgreSQL instead of its in-memory index (the Server-Timing header says which).</summary>
    public long DatabaseAnswers => Interlocked.Read(ref databaseAnswers);

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

        if (!AnsweredByIndex(response))
        {
            Interlocked.Increment(ref databaseAnswers);
        }
    }

    /// <summary>The ids on the page, the (capped) total, and whether the in-memory index answered.</summary>
    public async Task<(Guid[] Ids, int Total, bool ByIndex)> FetchAsync(SearchRequest request, string token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(request.Path, UriKind.Relative));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(message, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var ids = page.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToArray();
        return (ids, page.RootElement.GetProperty("total").GetInt32(), AnsweredByIndex(response));
    }

    /// <summary>
    /// A tenant's first search starts loading its index (in the background for a big tenant, whose
    /// searches meanwhile run in PostgreSQL): search until the index answers, so the measurement is of
    /// the steady state. Returns how long that took.
    /// </summary>
    public async Task<TimeSpan> WaitForIndexAsync(SearchRequest request, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!(await FetchAsync(request, token, cancellationToken)).ByIndex)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The search index did not answer within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken); // polling a load in another process
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    private static bool AnsweredByIndex(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Server-Timing", out var values) && values.Any(v => v.Contains("desc=\"index\"", StringComparison.Ordinal));
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

    /// <summary>The page, the count, and whether ranking stopped at its candidate cap (then the index, which ranks every match, may order differently).</summary>
    public async Task<(List<PocRow> Page, int Count, bool Truncated)> RunAsync(SearchRequest request, TenantUser user, CancellationToken cancellationToken)
    {
        var query = Parse(request);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SetTenantSql, TenantParameters(user), transaction, cancellationToken: cancellationToken));
        var result = await PocSearchSql.RunAsync(connection, transaction, query, user, SearchPocs.CountCap + 1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
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
