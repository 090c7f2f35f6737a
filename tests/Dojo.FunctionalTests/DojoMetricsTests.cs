using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.TestSupport;
using PocTracker.TestSupport.Telemetry;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// The dojo's instruments (DojoMetrics) that its alerts read: how long an accepted operation took to be handed to SignalR,
/// and hub calls refused by reason. Each test makes the event happen through the hub and reads the app's own meter.
/// </summary>
public sealed class DojoMetricsTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DojoHost Host => fixture.Host;

    private InstrumentRecorder Record(string instrument) =>
        new(Host.Services.GetRequiredService<IMeterFactory>(), DojoMetrics.Name, instrument);

    [Fact]
    public async Task An_accepted_operation_records_its_broadcast_latency()
    {
        using var broadcast = Record("poctracker.dojo.broadcast.duration");
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var submitter = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);

        await submitter.SubmitAsync("timed", 1L, 0, JsonSerializer.SerializeToElement(TextOperation.Splice(0, 0, 0, "hi")));
        await submitter.WaitUntilAsync(c => c.Acks.Count == 1);

        await broadcast.WaitForAsync(m => m.Count == 1, TimeSpan.FromSeconds(10), Cancel);
        Assert.InRange(Assert.Single(broadcast.Measurements).Value, 0, 10_000);
    }

    [Fact]
    public async Task A_refused_operation_is_counted_by_its_reason()
    {
        using var refusals = Record("poctracker.dojo.refusals");
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var culprit = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);

        await Assert.ThrowsAsync<HubException>(() => culprit.SubmitAsync("culprit", 1L, 0, JsonSerializer.SerializeToElement("not an operation")));
        await Assert.ThrowsAsync<HubException>(() => culprit.SubmitAsync("culprit", 2L, 0, JsonSerializer.SerializeToElement(new object[] { 5, "x" })));

        Assert.Equal([DojoErrorCodes.MalformedOperation, DojoErrorCodes.BaseLengthMismatch], refusals.Measurements.Select(m => m.Tag("reason")));
    }
}
