using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Video.FunctionalTests;

/// <summary>Hosts whose clock the test sets (the pocs app's too, to register POCs in the past).</summary>
public sealed class VideoClockFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 10, 12, 0, 0, TimeSpan.Zero));

    public VideoFixture Video { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Video = new VideoFixture(postgres) { Time = Time };
        await Video.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Video.DisposeAsync();
}

/// <summary>"The last twelve months" is the twelve months up to the injected clock's today, in the viewer's zone.</summary>
public sealed class VideoPeriodTests(VideoClockFixture clock) : IClassFixture<VideoClockFixture>
{
    [Fact]
    public async Task The_film_tells_the_twelve_months_up_to_today_and_the_pocs_of_that_period_only()
    {
        var video = clock.Video;
        var owner = TestUser.NewTenantOwner();
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Antes do período" });
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Terminado no período", FinishedOn = new DateOnly(2025, 6, 1), Status = "done" });
        clock.Time.SetUtcNow(new DateTimeOffset(2026, 3, 1, 15, 0, 0, TimeSpan.Zero));
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Deste ano" });
        await video.Pocs.CreateAsync(owner.Colleague(), new PocWriteRequest { Name = "De outra pessoa", Visibility = "tenant" });

        JsonElement asked;
        using (video.Gate.Hold())
        {
            using var accepted = await video.ClientFor(owner).PostAsync("/api/videos", content: null);
            asked = await accepted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("2025-03-02", asked.GetProperty("periodStart").GetString());
            Assert.Equal("2026-03-01", asked.GetProperty("periodEnd").GetString());
            Assert.Equal(new DateTimeOffset(2026, 3, 1, 15, 0, 0, TimeSpan.Zero), asked.GetProperty("createdAt").GetDateTimeOffset());

            await video.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(60));
            var collected = await video.ClientFor(owner).GetFromJsonAsync<JsonElement>($"/api/videos/{asked.GetProperty("id").GetGuid()}");
            Assert.Equal(2, collected.GetProperty("pocs").GetInt32()); // finished in the period + registered in it; not the older one, not the colleague's
        }

        await video.WaitForAsync(owner, asked.GetProperty("id").GetGuid(), v => v.GetProperty("status").GetString() is "succeeded" or "failed");
    }
}
