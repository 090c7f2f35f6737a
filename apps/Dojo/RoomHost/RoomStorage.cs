using System.Text.Json;
using Dapper;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Dojo.RoomHost;

/// <summary>A room's stored state: its latest snapshot, the operations after it, and appending to both. Under RLS, as the acting user.</summary>
public sealed class RoomStorage([FromKeyedServices(DojoModule.AppId)] TenantDatabase database, TimeProvider time)
{
    /// <summary>A room as stored: whether it is closed, its latest snapshot and the operations after it.</summary>
    public sealed record LoadedRoom(bool Closed, RoomSnapshot? Snapshot, IReadOnlyList<StoredOperation> Later);

    // Null when the tenant has no such room; else whether it is closed.
    private const string ClosedSql = "select closed_at is not null from rooms where tenant_id = @TenantId and id = @RoomId";

    /// <summary>Whether the room is closed, or null when the user's tenant has no such room: one query, for a host whose documents live elsewhere.</summary>
    public Task<bool?> IsClosedAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, tx =>
            tx.Connection.QuerySingleOrDefaultAsync<bool?>(tx.Command(ClosedSql, new { user.TenantId, RoomId = roomId })), cancellationToken);

    /// <summary>The room, or null when the user's tenant has no such room.</summary>
    public Task<LoadedRoom?> LoadAsync(TenantUser user, Guid roomId, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx =>
        {
            var key = new { user.TenantId, RoomId = roomId };
            var closed = await tx.Connection.QuerySingleOrDefaultAsync<bool?>(tx.Command(ClosedSql, key));
            if (closed is null)
            {
                return null;
            }

            var snapshot = await tx.Connection.QuerySingleOrDefaultAsync<SnapshotRow>(tx.Command(
                """
                select revision, document from room_snapshots
                where tenant_id = @TenantId and room_id = @RoomId order by revision desc limit 1
                """, key));
            var from = snapshot?.Revision ?? 0;
            var rows = await tx.Connection.QueryAsync<OperationRow>(tx.Command(
                """
                select revision, client_id as ClientId, seq, operation::text as Operation from room_operations
                where tenant_id = @TenantId and room_id = @RoomId and revision > @From order by revision
                """, new { user.TenantId, RoomId = roomId, From = from }));
            var later = rows.Select(row => new StoredOperation(row.Revision, row.ClientId, row.Seq,
                JsonSerializer.Deserialize<TextOperation>(row.Operation)!)).ToList();
            return new LoadedRoom(closed.Value, snapshot is null ? null : new RoomSnapshot(snapshot.Revision, snapshot.Document), later);
        }, cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> stored operations after <paramref name="afterRevision"/>, oldest
    /// first: how a reconnecting client learns what it missed. Every operation is stored before it is
    /// applied or acknowledged, so the stored log reaches at least as far as the room's revision.
    /// </summary>
    public Task<IReadOnlyList<RoomOperation>> ReadOperationsAsync(TenantUser user, Guid roomId, int afterRevision, int limit, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync<IReadOnlyList<RoomOperation>>(user, async tx =>
        {
            var rows = await tx.Connection.QueryAsync<OperationRow>(tx.Command(
                """
                select revision, client_id as ClientId, seq, operation::text as Operation from room_operations
                where tenant_id = @TenantId and room_id = @RoomId and revision > @After order by revision limit @Limit
                """, new { user.TenantId, RoomId = roomId, After = afterRevision, Limit = limit }));
            return [.. rows.Select(row => new RoomOperation(row.Revision, row.ClientId, row.Seq, JsonSerializer.Deserialize<TextOperation>(row.Operation)!))];
        }, cancellationToken);

    /// <summary>
    /// Stores several accepted operations in one transaction (one durable commit: the room host's
    /// group commit of the submissions that queued behind one write). False, with nothing stored, when
    /// one of them is a (client, seq) stored before: the caller then takes them one at a time.
    /// </summary>
    public async Task<bool> AppendAllAsync(TenantUser user, Guid roomId, IReadOnlyList<StoredOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        try
        {
            return await database.InTenantTransactionAsync(user, async tx =>
            {
                // One statement for the whole batch (one round trip, however many operations queued).
                var inserted = await tx.Connection.QuerySingleAsync<int>(tx.Command(
                    """
                    with inserted as (
                        insert into room_operations (tenant_id, room_id, revision, client_id, seq, operation, created_at)
                        select @TenantId, @RoomId, batch.revision, batch.client_id, batch.seq, batch.operation::jsonb, @Now
                        from unnest(@Revisions::int[], @ClientIds::text[], @Seqs::bigint[], @Operations::text[])
                            as batch(revision, client_id, seq, operation)
                        on conflict (tenant_id, room_id, client_id, seq) do nothing
                        returning 1)
                    select count(*)::int from inserted
                    """, new
                    {
                        user.TenantId, RoomId = roomId,
                        Revisions = operations.Select(operation => operation.Revision).ToArray(),
                        ClientIds = operations.Select(operation => operation.ClientId).ToArray(),
                        Seqs = operations.Select(operation => operation.Seq).ToArray(),
                        Operations = operations.Select(operation => JsonSerializer.Serialize(operation.Operation)).ToArray(),
                        Now = time.GetUtcNow(),
                    }));
                if (inserted != operations.Count)
                {
                    throw new RepeatInBatchException(); // one was stored before: roll the whole batch back
                }

                return true;
            }, cancellationToken);
        }
        catch (RepeatInBatchException)
        {
            return false;
        }
    }

    /// <summary>The revision of the stored operation (client, seq), if there is one.</summary>
    public Task<int?> FindRevisionAsync(TenantUser user, Guid roomId, string clientId, long seq, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, tx => FindAsync(tx, roomId, clientId, seq), cancellationToken);

    /// <summary>Writes the document at a revision and drops older snapshots (the operations stay: they are the history).</summary>
    public Task WriteSnapshotAsync(TenantUser user, Guid roomId, RoomSnapshot snapshot, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx =>
        {
            var parameters = new { user.TenantId, RoomId = roomId, snapshot.Revision, snapshot.Document, Now = time.GetUtcNow() };
            await tx.Connection.ExecuteAsync(tx.Command(
                """
                insert into room_snapshots (tenant_id, room_id, revision, document, created_at)
                values (@TenantId, @RoomId, @Revision, @Document, @Now) on conflict do nothing;
                delete from room_snapshots where tenant_id = @TenantId and room_id = @RoomId and revision < @Revision;
                """, parameters));
            return 0;
        }, cancellationToken);

    private static Task<int?> FindAsync(TenantTransaction tx, Guid roomId, string clientId, long seq) =>
        tx.Connection.QuerySingleOrDefaultAsync<int?>(tx.Command(
            "select revision from room_operations where tenant_id = @TenantId and room_id = @RoomId and client_id = @ClientId and seq = @Seq",
            new { tx.User.TenantId, RoomId = roomId, ClientId = clientId, Seq = seq }));

    private sealed record SnapshotRow(int Revision, string Document);

#pragma warning disable CA1064, CA1032 // private control flow: rolls a transaction back, never leaves this class
    private sealed class RepeatInBatchException : Exception;
#pragma warning restore CA1064, CA1032

    private sealed record OperationRow(int Revision, string ClientId, long Seq, string Operation);
}
