using Dapper;
using Npgsql;
using PocTracker.ServiceDefaults.Events;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// The one way app code reaches tenant data. Every unit of work runs in a transaction that first
/// sets <c>app.tenant_id</c> (and <c>app.user_id</c>) for that transaction only, so PostgreSQL's
/// row-level security policies see the caller's tenant and nothing else, even if a query forgets
/// its <c>tenant_id</c> filter. The connection's role owns no table and cannot bypass RLS.
/// </summary>
public sealed class TenantDatabase(string name, NpgsqlDataSource dataSource, OutboxSignal outboxSignal, TimeProvider time)
{
    /// <summary>The app database's name (its app id).</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction as <paramref name="user"/>'s tenant and commits
    /// it when the work returns. An exception rolls everything back, events included.
    /// </summary>
    public async Task<T> InTenantTransactionAsync<T>(
        TenantUser user, Func<TenantTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(work);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "select set_config('app.tenant_id', @tenant, true), set_config('app.user_id', @user, true)",
            new { tenant = user.TenantId.ToString(), user = user.UserId.ToString() }, transaction,
            cancellationToken: cancellationToken));

        var unitOfWork = new TenantTransaction(connection, transaction, user, time, cancellationToken);
        var result = await work(unitOfWork);
        await transaction.CommitAsync(cancellationToken);

        if (unitOfWork.EventsWritten > 0)
        {
            outboxSignal.Notify(); // committed: the relay may publish them now.
        }

        return result;
    }

    /// <summary>
    /// Reads in one round trip as <paramref name="user"/>'s tenant: the tenant setting and the commands
    /// <paramref name="addCommands"/> adds go out as one batch, which PostgreSQL runs as one implicit
    /// transaction (the setting lasts until its end). <paramref name="read"/> gets the reader at the first
    /// added command's results. For reads on hot paths, where a transaction's three extra round trips
    /// (begin, set, commit) would cost more than the query; each statement sees its own snapshot.
    /// </summary>
    public async Task<T> ReadInTenantBatchAsync<T>(
        TenantUser user, Action<NpgsqlBatch> addCommands, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(addCommands);
        ArgumentNullException.ThrowIfNull(read);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)")
        {
            Parameters = { new() { Value = user.TenantId.ToString() }, new() { Value = user.UserId.ToString() } },
        });
        addCommands(batch);

        // Prepared once per pooled connection and kept (Npgsql's persistent prepared statements): these
        // reads repeat with other values, and parsing and planning them again cost more than running them.
        await batch.PrepareAsync(cancellationToken);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await read(reader, cancellationToken);
    }
}
