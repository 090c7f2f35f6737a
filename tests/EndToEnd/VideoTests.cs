using System.Net;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Video;
using PocTracker.EndToEnd.People;
using PocTracker.Sdk.Problems;

namespace PocTracker.EndToEnd;

/// <summary>The year video: asked for, followed to success, downloaded as an MP4.</summary>
public sealed class VideoTests(ProductUnderTest product)
{
    /// <summary>Generous: the film renders and encodes on a loaded machine (two cores for the whole ./test.sh).</summary>
    public static readonly TimeSpan VideoTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_year_video_is_made_followed_to_success_and_downloaded_as_an_mp4()
    {
        using var owner = await Organisation.SignUpAsync(product, "Video Studio");
        await owner.Pocs.CreateAsync(new PocWriteRequest { Name = "Filme do ano", Language = "rust", Status = "done" });

        var requested = await owner.Videos.RequestAsync(new StartVideoRequest("landscape"), culture: "en");
        Assert.Contains(requested.Status, new[] { "queued", "running" });
        Assert.Equal(("landscape", "en"), (requested.Format, requested.Culture));

        // Not ready yet is a 409, not a broken file.
        if ((await owner.Videos.GetAsync(requested.Id)).Status != "succeeded")
        {
            var early = await Assert.ThrowsAsync<PocTrackerProblemException>(() => owner.Videos.OpenContentAsync(requested.Id));
            Assert.True(early.Status is HttpStatusCode.Conflict, early.Message);
        }

        var done = await owner.Videos.WaitAsync(requested.Id, VideoTimeout);
        Assert.True(done.Status == "succeeded", $"The video ended {done.Status}: {done.Reason}");
        Assert.Equal(100, done.Progress);
        Assert.Equal(1, done.Pocs);
        Assert.True(done.DurationSeconds > 0);
        Assert.Equal(done.Id, Assert.Single(await owner.Videos.ListAsync()).Id);

        await using var film = await owner.Videos.OpenContentAsync(done.Id);
        using var bytes = new MemoryStream();
        await film.Content.CopyToAsync(bytes);
        Assert.Equal("video/mp4", film.MediaType);
        Assert.Equal(done.Bytes, bytes.Length);
        Mp4.AssertIsMp4(bytes.ToArray());
    }
}
