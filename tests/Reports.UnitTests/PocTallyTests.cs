using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Pdf;

namespace PocTracker.Reports.UnitTests;

public sealed class PocTallyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 3, 0, TimeSpan.Zero);

    [Fact]
    public void The_twelve_months_end_with_the_month_of_now_and_older_pocs_are_left_out()
    {
        var tally = new PocTally(Now);
        tally.Add(Poc(created: new DateTimeOffset(2025, 11, 30, 23, 59, 59, TimeSpan.Zero)));
        tally.Add(Poc(created: new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        tally.Add(Poc(created: new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero)));
        // 21:30 in São Paulo on 30 November is already December in UTC: months are UTC months.
        tally.Add(Poc(created: new DateTimeOffset(2026, 11, 30, 21, 30, 0, TimeSpan.FromHours(-3))));

        var months = tally.PerMonth();

        Assert.Equal(12, months.Count);
        Assert.Equal(new DateOnly(2025, 12, 1), months[0].Month);
        Assert.Equal(new DateOnly(2026, 11, 1), months[^1].Month);
        Assert.Equal(1, months[0].Count);
        Assert.Equal(1, months[^1].Count);
        Assert.Equal(2, months.Sum(m => m.Count));
        Assert.Equal(4, tally.Total);
    }

    [Fact]
    public void Statuses_come_in_workflow_order_with_zeros_and_unknown_ones_last()
    {
        var tally = new PocTally(Now);
        tally.Add(Poc(status: "done"));
        tally.Add(Poc(status: "archived"));

        Assert.Equal([("idea", 0L), ("in-progress", 0L), ("done", 1L), ("dropped", 0L), ("archived", 1L)], tally.ByStatus());
    }

    [Fact]
    public void Languages_beyond_the_top_ones_fold_into_one_count()
    {
        var tally = new PocTally(Now);
        foreach (var (language, count) in new[] { ("csharp", 3), ("go", 2), ("rust", 1), ("zig", 1) })
        {
            for (var i = 0; i < count; i++)
            {
                tally.Add(Poc(language: language));
            }
        }

        tally.Add(Poc(language: null));

        var (top, others, otherCount) = tally.ByLanguage(2);
        Assert.Equal([("CSHARP", 3L), ("GO", 2L)], top);
        Assert.Equal(3, others);
        Assert.Equal(3, otherCount);
    }

    [Fact]
    public void Top_tags_count_pocs_per_tag_and_break_ties_by_name()
    {
        var tally = new PocTally(Now);
        tally.Add(Poc(tags: ["web", "api"]));
        tally.Add(Poc(tags: ["web"]));
        tally.Add(Poc(tags: ["cli"]));

        Assert.Equal([("web", 2L), ("api", 1L)], tally.TopTags(2));
    }

    private static PocDto Poc(string status = "idea", string? language = "csharp", string[]? tags = null, DateTimeOffset? created = null) =>
        new(Guid.NewGuid(), "poc", null, language, language?.ToUpperInvariant(), tags ?? [], null, status, null, null, null, "tenant",
            Guid.NewGuid(), 1, created ?? Now, created ?? Now);
}
