using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Video;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// The relay publishes only the event types the app declared (AddIntegrationEventPublisher): the declarations are what
/// tells that the app needs the pub/sub component under Dapr, so one forgotten shows in every run mode. A database of
/// its own: the undeclared event stays at the head of the outbox and holds back what follows.
/// </summary>
public sealed class UndeclaredEventTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    [Fact]
    public async Task An_event_the_app_never_declared_stays_in_the_outbox_with_an_error_saying_what_to_declare()
    {
        var user = TestUser.NewTenantOwner();
        var database = api.Services.GetRequiredKeyedService<TenantDatabase>(PocsModule.AppId);
        var undeclared = new VideoCompletedIntegrationEvent(Guid.NewGuid(), user.UserId, 60, 1000);

        await database.InTenantTransactionAsync(new TenantUser(user.TenantId, user.UserId, new HashSet<string> { "owner" }), async tx =>
        {
            await tx.PublishAfterCommitAsync(undeclared);
            return 0;
        }, TestContext.Current.CancellationToken);

        var (published, error) = await FirstAttemptAsync(undeclared.EventId);
        Assert.False(published);
        Assert.Equal(
            "InvalidOperationException: VideoCompletedIntegrationEvent is not declared as published by this app: add AddIntegrationEventPublisher<VideoCompletedIntegrationEvent>() to its module.",
            error);
    }

    /// <summary>Polls the outbox row until the relay has tried it once (within a minute).</summary>
    private async Task<(bool Published, string? Error)> FirstAttemptAsync(Guid eventId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            await using (var admin = api.AdminConnection())
            {
                await admin.OpenAsync(TestContext.Current.CancellationToken);
                await using var row = new NpgsqlCommand("select published_at is not null, last_error from outbox_messages where id = @id and attempts > 0", admin);
                row.Parameters.AddWithValue("id", eventId);
                await using var reader = await row.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                if (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    return (reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetString(1));
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The relay never tried the event.");
            // Polling a condition (the relay's first try) with a deadline, not waiting on time.
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
