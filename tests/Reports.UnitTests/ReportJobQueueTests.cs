using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PocTracker.Reports.Jobs;
using PocTracker.Reports.Pdf;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.UnitTests;

public sealed class ReportJobQueueTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    [Fact]
    public async Task Tenants_take_turns_one_job_each_in_the_order_they_first_asked()
    {
        using var queue = new ReportJobQueue(capacity: 10);
        foreach (var (tenant, name) in new[] { (A, "A1"), (A, "A2"), (A, "A3"), (B, "B1"), (C, "C1"), (B, "B2") })
        {
            using var place = queue.TryReserve();
            Assert.NotNull(place);
            place.Fill(Work(tenant, name));
        }

        var order = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            order.Add((await queue.TakeAsync(TestContext.Current.CancellationToken)).Job.Query);
        }

        Assert.Equal(["A1", "B1", "C1", "A2", "B2", "A3"], order);
    }

    [Fact]
    public async Task The_queue_holds_at_most_its_capacity_counting_reserved_places_and_an_unused_place_is_given_back()
    {
        using var queue = new ReportJobQueue(capacity: 2);
        using var first = queue.TryReserve();
        var second = queue.TryReserve();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(queue.TryReserve());

        second.Dispose(); // the job was refused: its place is free again
        using var third = queue.TryReserve();
        Assert.NotNull(third);
        first.Fill(Work(A, "A1"));
        third.Fill(Work(B, "B1"));
        Assert.Null(queue.TryReserve());
        Assert.Equal(["A1", "B1"], queue.Waiting().Select(w => w.Job.Query).Order());

        await queue.TakeAsync(TestContext.Current.CancellationToken);
        using var fourth = queue.TryReserve();
        Assert.NotNull(fourth);
    }

    private static ReportWork Work(Guid tenant, string name) => new(
        new ReportJobRow { TenantId = tenant, Id = Guid.NewGuid(), Query = name },
        new TenantUser(tenant, Guid.NewGuid(), new HashSet<string>()),
        "token",
        new ReportRendering.Options(',', new PdfReportInfo("t", "u", [], CultureInfo.InvariantCulture), new FakeTimeProvider()));
}
