using Microsoft.AspNetCore.Http.HttpResults;
using PocTracker.Contracts.Video;
using PocTracker.ServiceDefaults.Problems;
using PocTracker.ServiceDefaults.Storage;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Video.Jobs;

/// <summary>
/// The caller's year videos: ask for one, follow it, list them, download the film. A video is its
/// user's own: another user's or tenant's id is a 404.
/// </summary>
internal static class VideoJobsApi
{
    /// <summary>How long a redirect to object storage works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(5);

    public const int ListLimit = 50;

    public static string StatusUrl(Guid id) => $"/api/videos/{id}";

    public static string ContentUrl(Guid id) => $"/api/videos/{id}/content";

    public static void MapVideoJobs(this RouteGroupBuilder api)
    {
        api.MapGet("/", ListAsync).WithName("ListVideos").WithSummary("Your year videos, newest first (50 at most)");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetVideo").WithSummary("A video's status, stage and progress; its length and size once done")
            .WithDescription("wait=N (0–30) answers as soon as the video is done or failed, or after N seconds (long polling).");
        api.MapGet("/{id:guid}/content", ContentAsync).WithName("DownloadVideo").WithSummary("The MP4, or a redirect to a short-lived object-storage link")
            .Produces(StatusCodes.Status200OK, contentType: "video/mp4")
            .Produces(StatusCodes.Status302Found);
    }

    private static async Task<Ok<List<VideoDto>>> ListAsync(TenantUser user, VideoJobStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(user, ListLimit, cancellationToken)).Select(row => row.ToDto()).ToList());

    private static async Task<Results<Ok<VideoDto>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid id, int? wait, TenantUser user, VideoJobStore store, CancellationToken cancellationToken)
    {
        if (wait is < 0 or > 30)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["wait"] = ["wait is 0 to 30 seconds."] });
        }

        var row = await store.FindAsync(user, id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("No such video.");
        }

        // Long polling: the job may run on another replica (Dapr), so the row is what tells; read it
        // every quarter second until it ends or the wait is over.
        if (wait > 0 && row.IsActive)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(wait.Value));
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (row.IsActive && await timer.WaitForNextTickAsync(deadline.Token))
                {
                    row = await store.FindAsync(user, id, deadline.Token) ?? row;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the wait is over: answer with the latest status
            }
        }

        return TypedResults.Ok(row.ToDto());
    }

    private static async Task<IResult> ContentAsync(
        Guid id, TenantUser user, VideoJobStore store, IObjectStorage storage, VideoMetrics metrics, CancellationToken cancellationToken)
    {
        var row = await store.FindAsync(user, id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("No such video.");
        }

        if (row.Status != VideoJobStatus.Succeeded || row.ObjectKey is not { } key)
        {
            return TypedResults.Problem(
                row.Status == VideoJobStatus.Failed ? "The video failed; ask for a new one." : "The video is not ready yet; follow its status.",
                statusCode: StatusCodes.Status409Conflict, title: "No film to download.", type: ProblemTypes.Conflict);
        }

        var fileName = $"poctracker-{row.PeriodEnd:yyyy-MM-dd}.mp4";
        if (storage.DirectDownloadUrl(key, fileName, LinkLifetime) is { } link)
        {
            metrics.Downloaded();
            return Results.Redirect(link.ToString());
        }

        var stored = await storage.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return Problems.NotFound("The film is no longer kept.");
        }

        metrics.Downloaded();
        return Results.Stream(stored.Content, "video/mp4", fileName, enableRangeProcessing: stored.Content.CanSeek);
    }
}
