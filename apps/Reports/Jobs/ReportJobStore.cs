using Dapper;
using Npgsql;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// <c>report_jobs</c>, the status its owner sees: every read and write as the job's user, in their
/// tenant (row-level security), except the expiry sweep, which works across tenants with the relay's role.
/// How far the work got is the job runner's business (<c>job_runs</c>, or Dapr's state store).
/// </summary>
internal sealed class ReportJobStore(
    [FromKeyedServices(ReportsModule.AppId)] TenantDatabase database,
    [FromKeyedServices(ReportsModule.AppId + "-relay")] NpgsqlDataSource maintenance,
    TimeProvider time,
    ReportsMetrics metrics)
{
    /// <summary>How long a job and its file are kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// A new queued job, unless the user already has <see cref="ReportsOptions.MaxRunningPerUser"/> or
    /// their tenant <see cref="ReportsOptions.MaxRunningPerTenant"/> jobs queued or running. Counted here,
    /// in the database, so the caps hold across replicas; a transaction-scoped advisory lock per tenant
    /// makes the count and the insert one step, so concurrent requests cannot pass a cap together. A job
    /// in the making always ends (the runner resumes it after a restart, or fails it with a reason), so
    /// every one counts until it does.
    /// </summary>
    public Task<ReportJobCreation> CreateAsync(TenantUser user, string format, string fileName, ReportsOptions caps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var now = time.GetUtcNow();
        return database.InTenantTransactionAsync(user, async tx =>
        {
            await tx.Connection.ExecuteAsync(tx.Command("select pg_advisory_xact_lock(hashtextextended('report_jobs:' || @TenantId::text, 0))", new { user.TenantId }));
            var active = await tx.Connection.QuerySingleAsync<ActiveJobs>(tx.Command("""
                select count(*) as "Tenant", count(*) filter (where user_id = @UserId) as "User"
                from report_jobs
                where tenant_id = @TenantId and status in ('queued', 'running')
                """, new { user.TenantId, user.UserId }));
            if (active.User >= caps.MaxRunningPerUser)
            {
                return new ReportJobCreation(null, ReportJobCap.User);
            }

            if (active.Tenant >= caps.MaxRunningPerTenant)
            {
                return new ReportJobCreation(null, ReportJobCap.Tenant);
            }

            var row = await tx.Connection.QuerySingleAsync<ReportJobRow>(tx.Command(
                $"""
                insert into report_jobs (tenant_id, id, user_id, format, status, file_name, created_at, expires_at)
                values (@TenantId, @Id, @UserId, @Format, 'queued', @FileName, @Now, @ExpiresAt)
                returning {ReportJobRow.Columns}
                """,
                new { user.TenantId, Id = Guid.CreateVersion7(now), user.UserId, Format = format, FileName = fileName, Now = now, ExpiresAt = now + Lifetime }));
            return new ReportJobCreation(row, null);
        }, cancellationToken);
    }

    /// <summary>The caller's job, or null (another user's or tenant's job, or an expired one, is not found).</summary>
    public Task<ReportJobRow?> FindAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleOrDefaultAsync<ReportJobRow>(tx.Command(
            $"select {ReportJobRow.Columns} from report_jobs where id = @Id and user_id = @UserId and expires_at > @Now",
            new { Id = id, user.UserId, Now = time.GetUtcNow() })), cancellationToken);

    /// <summary>The caller's recent jobs, newest first.</summary>
    public Task<List<ReportJobRow>> ListAsync(TenantUser user, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx => (await tx.Connection.QueryAsync<ReportJobRow>(tx.Command(
            $"select {ReportJobRow.Columns} from report_jobs where user_id = @UserId and expires_at > @Now order by created_at desc limit 50",
            new { user.UserId, Now = time.GetUtcNow() }))).AsList(), cancellationToken);

    /// <summary>
    /// Marks the job running: its start when it is in the making (queued, or already running when a resumed job starts
    /// its work again), null when it ended or is gone. The row's previous status is read under the update's lock, so
    /// only the first start says the job came from the queue.
    /// </summary>
    public Task<ReportJobStart?> StartAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx => await tx.Connection.QuerySingleOrDefaultAsync<ReportJobStart>(tx.Command("""
            update report_jobs job set status = 'running'
            from (select id, status from report_jobs where id = @Id for update) previous
            where job.id = previous.id and job.status in ('queued', 'running')
            returning previous.status = 'queued' as FromQueue, job.created_at as CreatedAt
            """, new { Id = id })), cancellationToken);

    public Task<bool> SucceedAsync(TenantUser user, Guid id, string objectKey, long rows, CancellationToken cancellationToken) =>
        EndAsync(user, succeeded: true, """
            update report_jobs set status = 'succeeded', object_key = @ObjectKey, rows = @Rows, finished_at = @Now
            where id = @Id and status in ('queued', 'running')
            returning format
            """, new { Id = id, ObjectKey = objectKey, Rows = rows, Now = time.GetUtcNow() }, cancellationToken);

    public Task<bool> FailAsync(TenantUser user, Guid id, string reason, CancellationToken cancellationToken) =>
        EndAsync(user, succeeded: false, """
            update report_jobs set status = 'failed', failure = @Reason, finished_at = @Now
            where id = @Id and status in ('queued', 'running')
            returning format
            """, new { Id = id, Reason = reason, Now = time.GetUtcNow() }, cancellationToken);

    /// <summary>Deletes expired jobs, returning their files' keys.</summary>
    public async Task<List<string>> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await maintenance.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string?>(new CommandDefinition(
            "delete from report_jobs where expires_at <= @Now returning object_key", new { Now = time.GetUtcNow() }, cancellationToken: cancellationToken)))
            .OfType<string>().ToList();
    }

    /// <summary>Ends a job in the making (every way a job ends comes here, so the jobs metric counts each once); false when it had ended or is gone.</summary>
    private async Task<bool> EndAsync(TenantUser user, bool succeeded, string sql, object parameters, CancellationToken cancellationToken)
    {
        var format = await database.InTenantTransactionAsync(user, async tx => await tx.Connection.QuerySingleOrDefaultAsync<string>(tx.Command(sql, parameters)), cancellationToken);
        if (format is null)
        {
            return false;
        }

        metrics.Ended(format, succeeded);
        return true;
    }

    private sealed record ActiveJobs(long Tenant, long User);
}

/// <summary>A report job's start: whether it came from the queue (its first start) and when it was asked for.</summary>
internal sealed class ReportJobStart
{
    public bool FromQueue { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
