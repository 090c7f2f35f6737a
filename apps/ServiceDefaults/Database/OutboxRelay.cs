using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PocTracker.Contracts.Events;
using PocTracker.ServiceDefaults.Events;

namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// Publishes committed outbox rows through the event bus, oldest first, and marks them published.
/// Rows are locked with SKIP LOCKED, so several replicas can relay one database without
/// publishing a row twice at the same time; a failed publish stays in the outbox and is retried,
/// which makes delivery at-least-once. It publishes only the event types the app declared
/// (<see cref="EventBusSetup.AddIntegrationEventPublisher{TEvent}"/>): the declarations are what tells that the app
/// needs the pub/sub component under Dapr, so an undeclared event fails here, in every run mode, rather than under
/// a sidecar whose pub/sub does not list the app.
/// </summary>
internal sealed partial class OutboxRelay(
    string databaseName,
    NpgsqlDataSource relayDataSource,
    OutboxSignal signal,
    IEventBus eventBus,
    IReadOnlySet<Type> publishedEventTypes,
    OutboxMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (published, failed) = await RelayBatchAsync(stoppingToken);
                backoff = failed ? Min(backoff * 2, MaxBackoff) : PollInterval;
                if (published == BatchSize && !failed)
                {
                    continue; // more may be waiting
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogRelayFailed(logger, databaseName, exception);
                metrics.RelayFailed(databaseName);
                backoff = Min(backoff * 2, MaxBackoff);
            }

            try
            {
                await signal.WaitAsync(backoff, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes one batch; returns how many were published and whether one failed.</summary>
    internal async Task<(int Published, bool Failed)> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await relayDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            select id, clr_type as ClrType, payload::text as Payload, occurred_at as OccurredAt
            from outbox_messages
            where published_at is null
            order by occurred_at, id
            limit @BatchSize
            for update skip locked
            """, new { BatchSize }, transaction, cancellationToken: cancellationToken));

        var published = 0;
        var failed = false;
        DateTime? oldestUnsent = null;
        var publishedOccurredAt = new List<DateTime>();
        foreach (var row in rows)
        {
            try
            {
                var eventType = Type.GetType(row.ClrType, throwOnError: true)!;
                if (!publishedEventTypes.Contains(eventType))
                {
                    throw new InvalidOperationException(
                        $"{eventType.Name} is not declared as published by this app: add AddIntegrationEventPublisher<{eventType.Name}>() to its module.");
                }

                var integrationEvent = (IntegrationEvent)JsonSerializer.Deserialize(row.Payload, eventType, JsonSerializerOptions.Web)!;
                await eventBus.PublishAsync(integrationEvent, cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    "update outbox_messages set published_at = now(), attempts = attempts + 1, last_error = null where id = @Id",
                    new { row.Id }, transaction, cancellationToken: cancellationToken));
                published++;
                publishedOccurredAt.Add(row.OccurredAt);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Keep order: stop at the first failure and try this row again later.
                LogPublishFailed(logger, row.Id, databaseName, exception);
                await connection.ExecuteAsync(new CommandDefinition(
                    "update outbox_messages set attempts = attempts + 1, last_error = left(@Error, 2000) where id = @Id",
                    new { row.Id, Error = exception.GetType().Name + ": " + exception.Message }, transaction, cancellationToken: cancellationToken));
                metrics.PublishFailed(databaseName);
                oldestUnsent = row.OccurredAt;
                failed = true;
                break;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var occurredAt in publishedOccurredAt)
        {
            metrics.Published(databaseName, new DateTimeOffset(occurredAt, TimeSpan.Zero));
        }

        // Rows are taken oldest first: the one that failed is the oldest left. A full batch may leave more, read at once.
        metrics.Pending(databaseName, oldestUnsent is { } oldest ? new DateTimeOffset(oldest, TimeSpan.Zero) : null);
        return (published, failed);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>An unsent row; <see cref="OccurredAt"/> is UTC (Npgsql reads a timestamptz as a UTC <see cref="DateTime"/>).</summary>
    private sealed record OutboxRow(Guid Id, string ClrType, string Payload, DateTime OccurredAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay of database {Database} failed; retrying")]
    private static partial void LogRelayFailed(ILogger logger, string database, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} of database {Database} failed; it stays queued")]
    private static partial void LogPublishFailed(ILogger logger, Guid messageId, string database, Exception exception);
}
