using Dapper;
using PocTracker.Contracts.Video;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;
using PocTracker.Video.Story;

namespace PocTracker.Video.Jobs;

/// <summary>What asking for a video led to.</summary>
/// <param name="Job">The new job, or the user's job already queued or running.</param>
/// <param name="Created">Whether <paramref name="Job"/> is new (and so must be started).</param>
internal sealed record VideoJobRequest(VideoJobRow? Job, bool Created)
{
    /// <summary>The tenant has as many jobs queued or running as it may: nothing was created.</summary>
    public bool OverTenantCap => Job is null;
}

/// <summary><c>video_jobs</c>: every read and write as the job's user, in their tenant (row-level security).</summary>
internal sealed class VideoJobStore([FromKeyedServices(VideoModule.AppId)] TenantDatabase database, TimeProvider time)
{
    /// <summary>
    /// The user's active job if there is one; otherwise a new queued job, unless the tenant already
    /// has <paramref name="tenantCap"/> jobs queued or running. A transaction-scoped advisory lock
    /// per tenant makes the check and the insert one step, so concurrent requests cannot exceed the cap.
    /// </summary>
    public Task<VideoJobRequest> RequestAsync(TenantUser user, string format, string culture, StoryPeriod period, int tenantCap, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx =>
        {
            await tx.Connection.ExecuteAsync(tx.Command("select pg_advisory_xact_lock(hashtextextended('video_jobs:' || @TenantId::text, 0))", new { user.TenantId }));
            var active = await tx.Connection.QuerySingleOrDefaultAsync<VideoJobRow>(tx.Command(
                $"select {VideoJobRow.Columns} from video_jobs where user_id = @UserId and status in ('queued', 'running')", new { user.UserId }));
            if (active is not null)
            {
                return new VideoJobRequest(active, Created: false);
            }

            var running = await tx.Connection.ExecuteScalarAsync<long>(tx.Command(
                "select count(*) from video_jobs where tenant_id = @TenantId and status in ('queued', 'running')", new { user.TenantId }));
            if (running >= tenantCap)
            {
                return new VideoJobRequest(null, Created: false);
            }

            var now = time.GetUtcNow();
            var created = await tx.Connection.QuerySingleAsync<VideoJobRow>(tx.Command($"""
                insert into video_jobs (tenant_id, id, user_id, status, format, culture, period_start, period_end, created_at, updated_at)
                values (@TenantId, @Id, @UserId, 'queued', @Format, @Culture, @First, @Last, @Now, @Now)
                returning {VideoJobRow.Columns}
                """, new { user.TenantId, Id = Guid.CreateVersion7(now), user.UserId, Format = format, Culture = culture, period.First, period.Last, Now = now }));
            return new VideoJobRequest(created, Created: true);
        }, cancellationToken);

    /// <summary>The caller's video, or null (another user's or tenant's is not found).</summary>
    public Task<VideoJobRow?> FindAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleOrDefaultAsync<VideoJobRow>(tx.Command(
            $"select {VideoJobRow.Columns} from video_jobs where id = @Id and user_id = @UserId", new { Id = id, user.UserId })), cancellationToken);

    /// <summary>The caller's videos, newest first.</summary>
    public Task<List<VideoJobRow>> ListAsync(TenantUser user, int limit, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx => (await tx.Connection.QueryAsync<VideoJobRow>(tx.Command(
            $"select {VideoJobRow.Columns} from video_jobs where user_id = @UserId order by created_at desc limit @Limit",
            new { user.UserId, Limit = limit }))).AsList(), cancellationToken);

    /// <summary>Enters <paramref name="stage"/> (the job is running from its first stage on); progress never goes back.</summary>
    public Task<bool> EnterStageAsync(TenantUser user, Guid id, string stage, int progress, CancellationToken cancellationToken) =>
        UpdateAsync(user, """
            update video_jobs set status = 'running', stage = @Stage, progress = greatest(progress, @Progress),
                   started_at = coalesce(started_at, @Now), updated_at = @Now
            where id = @Id and status in ('queued', 'running')
            """, new { Id = id, Stage = stage, Progress = progress, Now = time.GetUtcNow() }, cancellationToken);

    /// <summary>
    /// The first stage's <see cref="EnterStageAsync"/>, which also tells whether the job came from the queue (it had not
    /// started before; a resumed job has) and when it was asked for; null when it ended or is gone.
    /// </summary>
    public Task<VideoJobStart?> StartAsync(TenantUser user, Guid id, string stage, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx => await tx.Connection.QuerySingleOrDefaultAsync<VideoJobStart>(tx.Command("""
            update video_jobs job set status = 'running', stage = @Stage, started_at = coalesce(job.started_at, @Now), updated_at = @Now
            from (select id, started_at from video_jobs where id = @Id for update) previous
            where job.id = previous.id and job.status in ('queued', 'running')
            returning previous.started_at is null as FromQueue, job.created_at as CreatedAt
            """, new { Id = id, Stage = stage, Now = time.GetUtcNow() })), cancellationToken);

    public Task<bool> ReportProgressAsync(TenantUser user, Guid id, int progress, CancellationToken cancellationToken) =>
        UpdateAsync(user, "update video_jobs set progress = greatest(progress, @Progress), updated_at = @Now where id = @Id and status = 'running'",
            new { Id = id, Progress = Math.Clamp(progress, 0, 100), Now = time.GetUtcNow() }, cancellationToken);

    public Task<bool> SetPocsAsync(TenantUser user, Guid id, int pocs, CancellationToken cancellationToken) =>
        UpdateAsync(user, "update video_jobs set pocs = @Pocs, updated_at = @Now where id = @Id and status = 'running'",
            new { Id = id, Pocs = pocs, Now = time.GetUtcNow() }, cancellationToken);

    /// <summary>Marks the video done and announces it (the event goes out through the outbox, with the same commit).</summary>
    public Task<bool> SucceedAsync(TenantUser user, Guid id, string objectKey, TimeSpan duration, long bytes, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx =>
        {
            var now = time.GetUtcNow();
            var updated = await tx.Connection.ExecuteAsync(tx.Command("""
                update video_jobs set status = 'succeeded', stage = null, progress = 100, object_key = @ObjectKey, duration_ms = @DurationMs,
                       bytes = @Bytes, finished_at = @Now, updated_at = @Now
                where id = @Id and status = 'running'
                """, new { Id = id, ObjectKey = objectKey, DurationMs = (long)duration.TotalMilliseconds, Bytes = bytes, Now = now })) == 1;
            if (updated)
            {
                await tx.PublishAfterCommitAsync(new VideoCompletedIntegrationEvent(id, user.UserId, duration.TotalSeconds, bytes));
            }

            return updated;
        }, cancellationToken);

    public Task<bool> FailAsync(TenantUser user, Guid id, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(user, """
            update video_jobs set status = 'failed', failure = @Reason, finished_at = @Now, updated_at = @Now
            where id = @Id and status in ('queued', 'running')
            """, new { Id = id, Reason = reason, Now = time.GetUtcNow() }, cancellationToken);

    private Task<bool> UpdateAsync(TenantUser user, string sql, object parameters, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx => await tx.Connection.ExecuteAsync(tx.Command(sql, parameters)) == 1, cancellationToken);
}

/// <summary>A video job's start: whether it came from the queue (its first start) and when it was asked for.</summary>
internal sealed class VideoJobStart
{
    public bool FromQueue { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
