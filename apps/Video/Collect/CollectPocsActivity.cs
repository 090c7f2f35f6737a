using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Problems;
using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Jobs;
using PocTracker.Video.Story;

namespace PocTracker.Video.Collect;

/// <summary>What the collect step left for the others: the story file in the workspace and how many POCs it holds.</summary>
public sealed record CollectedPocs(string StoryFile, int Pocs);

/// <summary>
/// Activity "collect": the viewer's own POCs (<c>owner=me</c>) through the pocs API, as the viewer,
/// keeping those of the period (<see cref="YearStory.Belongs"/>: the story's own rule, so the count shown
/// and the film agree) — started, finished or registered in it — and writes the
/// <see cref="StoryRequest"/> the film is made from to the workspace.
/// </summary>
internal sealed class CollectPocsActivity(
    PocsClient pocs, VideoJobStore store, IDataProtectionProvider protection, VideoMetrics metrics, TimeProvider time)
    : IJobActivity<YearVideoJob, CollectedPocs>
{
    public const string StoryFile = "story.json";

    /// <summary>More than a film can show one by one; past it the story summarises anyway.</summary>
    public const int MaxPocs = 5000;

    public async Task<CollectedPocs> RunAsync(YearVideoJob input, JobActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        using var timing = metrics.Stage(VideoStage.Collecting);
        if (await store.StartAsync(input.User, input.VideoId, VideoStage.Collecting, cancellationToken) is { FromQueue: true } start)
        {
            metrics.Started(time.GetUtcNow() - start.CreatedAt);
        }

        var token = AccessTokens.Unprotect(protection, VideoModule.AppId, input.ProtectedAccessToken)
            ?? throw VideoFailureException.TokenExpired(input.Culture);

        IAsyncEnumerable<PocDto> export;
        try
        {
            export = await pocs.WithAccessToken(token).ExportAsync(new PocSearchFilters { Owner = "me" }, sort: "newest", cancellationToken);
        }
        catch (PocTrackerProblemException refused)
        {
            throw refused.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? VideoFailureException.TokenExpired(input.Culture)
                : new HttpRequestException($"The pocs export answered {(int)refused.Status}.", refused); // a fault: retried
        }

        var period = new StoryPeriod(input.PeriodStart, input.PeriodEnd);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var chosen = new List<PocDto>();
        await foreach (var exported in export.WithCancellation(cancellationToken))
        {
            // Creation times on the viewer's clock: the story reads a POC's creation day from the
            // offset it carries, so one written at 22:00 in São Paulo counts on that day, not the next.
            var poc = exported with { CreatedAt = TimeZoneInfo.ConvertTime(exported.CreatedAt, zone) };
            if (YearStory.Belongs(poc, period) && chosen.Count < MaxPocs)
            {
                chosen.Add(poc);
            }
        }

        var story = new StoryRequest(input.ViewerName, input.Culture, period,
            input.Format == "vertical" ? FilmFormat.Vertical : FilmFormat.Landscape, chosen);
        await using (var file = File.Create(Path.Combine(context.Workspace.Directory, StoryFile)))
        {
            await JsonSerializer.SerializeAsync(file, story, JsonSerializerOptions.Web, cancellationToken);
        }

        await context.Workspace.KeepAsync(StoryFile, cancellationToken);
        await store.SetPocsAsync(input.User, input.VideoId, chosen.Count, cancellationToken);
        await store.ReportProgressAsync(input.User, input.VideoId, 5, cancellationToken);
        return new CollectedPocs(StoryFile, chosen.Count);
    }

    /// <summary>Reads the story the collect step wrote.</summary>
    internal static async Task<StoryRequest> ReadStoryAsync(JobActivityContext context, CollectedPocs collected, CancellationToken cancellationToken)
    {
        var path = await context.Workspace.FetchAsync(collected.StoryFile, cancellationToken)
            ?? throw new FileNotFoundException("The collected story is gone from the job's workspace.", collected.StoryFile);
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<StoryRequest>(file, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidDataException("The collected story is empty.");
    }
}
