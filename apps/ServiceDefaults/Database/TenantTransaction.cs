using Dapper;
using Npgsql;
using PocTracker.Contracts.Events;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>An open tenant transaction: the connection to query with, the caller, and the outbox.</summary>
public sealed class TenantTransaction
{
    private readonly TimeProvider time;

    internal TenantTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, TenantUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        Connection = connection;
        Transaction = transaction;
        User = user;
        CancellationToken = cancellationToken;
        this.time = time;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public TenantUser User { get; }

    public CancellationToken CancellationToken { get; }

    internal int EventsWritten { get; private set; }

    /// <summary>A Dapper command bound to this transaction and its cancellation token.</summary>
    public CommandDefinition Command(string sql, object? parameters = null) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);

    /// <summary>
    /// Writes <paramref name="integrationEvent"/> to the outbox in this transaction. It is published
    /// only once the transaction commits, and at least once after that (the transactional outbox).
    /// </summary>
    public async Task PublishAfterCommitAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var stamped = integrationEvent with { TenantId = User.TenantId, OccurredAt = time.GetUtcNow() };
        await OutboxMessages.WriteAsync(Connection, Transaction, stamped, CancellationToken);
        EventsWritten++;
    }
}
