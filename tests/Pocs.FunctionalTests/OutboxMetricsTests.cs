using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Video;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;
using PocTracker.TestSupport;
using PocTracker.TestSupport.Telemetry;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// The outbox relay's instruments (ServiceDefaults' OutboxMetrics, meter <c>PocTracker.Outbox</c>), which the outbox-lag
/// alert reads: the delay of each publication, and a stuck message's age. Two classes, each with a database of its
/// own: the stuck message holds back everything after it.
/// </summary>
public sealed class OutboxPublishDelayTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    [Fact]
    public async Task A_published_event_records_its_delay_for_the_apps_database()
    {
        using var delay = new InstrumentRecorder(api.Services.GetRequiredService<IMeterFactory>(), "PocTracker.Outbox", "poctracker.outbox.publish.delay");
        var poc = await api.ClientFor(TestUser.NewTenantOwner()).CreatePocAsync("Atraso", "go", ["a"]);
        await api.Events.WaitForAsync<PocCreatedIntegrationEvent>(e => e.PocId == poc.Id);

        await delay.WaitForAsync(m => m.Any(d => d.Tag("database") == PocsModule.AppId), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.All(delay.Measurements, d => Assert.InRange(d.Value, 0, 60));
    }
}

public sealed class OutboxStuckMessageTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    [Fact]
    public async Task A_message_that_cannot_be_published_counts_failures_and_its_age_shows_as_the_oldest_pending()
    {
        var meters = api.Services.GetRequiredService<IMeterFactory>();
        using var failures = new InstrumentRecorder(meters, "PocTracker.Outbox", "poctracker.outbox.publish.failures");
        using var oldest = new InstrumentRecorder(meters, "PocTracker.Outbox", "poctracker.outbox.oldest_pending.age");
        Assert.All(oldest.Observe(), age => Assert.Equal(0, age.Value)); // nothing stuck yet

        var user = TestUser.NewTenantOwner();
        var database = api.Services.GetRequiredKeyedService<TenantDatabase>(PocsModule.AppId);
        await database.InTenantTransactionAsync(new TenantUser(user.TenantId, user.UserId, new HashSet<string> { "owner" }), async tx =>
        {
            // Not declared as published by pocs: the relay refuses it, and it stays at the head of the outbox.
            await tx.PublishAfterCommitAsync(new VideoCompletedIntegrationEvent(Guid.NewGuid(), user.UserId, 60, 1000));
            return 0;
        }, TestContext.Current.CancellationToken);

        // The second failure comes after the first round ended and set the oldest pending message.
        await failures.WaitForAsync(m => m.Count(f => f.Tag("database") == PocsModule.AppId) >= 2, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var age = Assert.Single(oldest.Observe(), a => a.Tag("database") == PocsModule.AppId);
        Assert.True(age.Value > 0, $"age {age.Value}");
    }
}

/// <summary>The pocs app whose relay role cannot log in (a wrong password): the relay never reaches its database.</summary>
public sealed class UnreachableRelayFixture(PostgresServerFixture postgres) : PocsApiFixture(postgres)
{
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting($"ConnectionStrings:{PocsModule.AppId}-relay", new NpgsqlConnectionStringBuilder(Database.Relay) { Password = "not-the-relay-password" }.ConnectionString);
}

public sealed class OutboxUnreachableDatabaseTests(UnreachableRelayFixture api) : IClassFixture<UnreachableRelayFixture>
{
    [Fact]
    public async Task A_relay_that_cannot_reach_its_database_counts_failed_rounds()
    {
        using var relayFailures = new InstrumentRecorder(api.Services.GetRequiredService<IMeterFactory>(), "PocTracker.Outbox", "poctracker.outbox.relay.failures");

        await relayFailures.WaitForAsync(m => m.Any(f => f.Tag("database") == PocsModule.AppId), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.All(relayFailures.Measurements, f => Assert.Equal((PocsModule.AppId, 1.0), (f.Tag("database"), f.Value)));
    }
}
