using System.Text.Json;
using Dapper;
using Npgsql;
using PocTracker.Contracts.Events;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// Writes an integration event into the outbox within the caller's open transaction, whoever owns
/// the connection (Dapper in <see cref="TenantTransaction"/>, or EF Core). It is published only once
/// that transaction commits; call the database's <see cref="OutboxSignal"/> after the commit to
/// publish it at once rather than at the relay's next poll.
/// </summary>
public static class OutboxMessages
{
    public static Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.TenantId == Guid.Empty || integrationEvent.OccurredAt == default)
        {
            throw new ArgumentException("Stamp the event with its tenant and time before writing it.", nameof(integrationEvent));
        }

        var type = integrationEvent.GetType();
        return connection.ExecuteAsync(new CommandDefinition(
            """
            insert into outbox_messages (id, tenant_id, topic, clr_type, payload, occurred_at)
            values (@EventId, @TenantId, @Topic, @ClrType, @Payload::jsonb, @OccurredAt)
            """,
            new
            {
                integrationEvent.EventId,
                integrationEvent.TenantId,
                Topic = type.Name,
                ClrType = $"{type.FullName}, {type.Assembly.GetName().Name}",
                Payload = JsonSerializer.Serialize(integrationEvent, type, JsonSerializerOptions.Web),
                integrationEvent.OccurredAt,
            },
            transaction,
            cancellationToken: cancellationToken));
    }
}
