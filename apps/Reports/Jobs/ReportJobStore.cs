using Dapper;
using Npgsql;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// <c>report_jobs</c>: every read and write as the job's user, in their tenant (row-level security),
/// except the sweep, which works across tenants with the relay's role.
/// </summary>
internal sealed class ReportJobStore(
    [FromKeyedServices(ReportsModule.AppId)] TenantDatabase database,
    [FromKeyedServices(ReportsModule.AppId + "-relay")] NpgsqlDataSource maintenance,
    TimeProvider time)
{
    /// <summary>How long a job and its file are kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>How long a job may go without its runner renewing the lease before it counts as lost.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A new queued job, unless the user already has <see cref="ReportsOptions.MaxRunningPerUser"/> or
    /// their tenant <see cref="ReportsOptions.MaxRunningPerTenant"/> jobs queued or running (a job whose
    /// lease lapsed is lost, not running: it no longer counts). Counted here, in the database, so the caps
    /// hold across replicas; a transaction-scoped advisory lock per tenant makes the count and the insert
    /// one step, so concurrent requests cannot pass a cap together.
    /// </summary>
    public Task<ReportJobCreation> CreateAsync(
        TenantUser user, string format, string query, string language, char separator, string fileName, ReportsOptions caps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var now = time.GetUtcNow();
        return database.InTenantTransactionAsync(user, async tx =>
        {
            await tx.Connection.ExecuteAsync(tx.Command("select pg_advisory_xact_lock(hashtextextended('report_jobs:' || @TenantId::text, 0))", new { user.TenantId }));
            var active = await tx.Connection.QuerySingleAsync<ActiveJobs>(tx.Command("""
                select count(*) as "Tenant", count(*) filter (where user_id = @UserId) as "User"
                from report_jobs
                where tenant_id = @TenantId and status in ('queued', 'running') and lease_until >= @Now
                """, new { user.TenantId, user.UserId, Now = now }));
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
                insert into report_jobs (tenant_id, id, user_id, format, query, language, separator, status, file_name, created_at, lease_until, expires_at)
                values (@TenantId, @Id, @UserId, @Format, @Query, @Language, @Separator, 'queued', @FileName, @Now, @LeaseUntil, @ExpiresAt)
                returning {ReportJobRow.Columns}
                """,
                new
                {
                    user.TenantId, Id = Guid.CreateVersion7(now), user.UserId, Format = format, Query = query, Language = language,
                    Separator = separator.ToString(), FileName = fileName, Now = now, LeaseUntil = now + Lease, ExpiresAt = now + Lifetime,
                }));
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

    /// <summary>Moves a queued job to running (false when it is no longer queued, e.g. swept as lost).</summary>
    public Task<bool> StartAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        UpdateAsync(user, "update report_jobs set status = 'running', lease_until = @LeaseUntil where id = @Id and status = 'queued'",
            new { Id = id, LeaseUntil = time.GetUtcNow() + Lease }, cancellationToken);

    /// <summary>
    /// Renews the lease of the jobs a replica holds, waiting or running, in one statement across tenants
    /// (with the relay's role, like the sweep): a job waiting its turn is as alive as the one running.
    /// </summary>
    public async Task RenewLeasesAsync(IReadOnlyCollection<ReportJobRow> held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (held.Count == 0)
        {
            return;
        }

        await using var connection = await maintenance.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update report_jobs set lease_until = @LeaseUntil
            where (tenant_id, id) in (select * from unnest(@Tenants, @Ids)) and status in ('queued', 'running')
            """,
            new { LeaseUntil = time.GetUtcNow() + Lease, Tenants = held.Select(j => j.TenantId).ToArray(), Ids = held.Select(j => j.Id).ToArray() },
            cancellationToken: cancellationToken));
    }

    public Task<bool> SucceedAsync(TenantUser user, Guid id, string objectKey, long rows, CancellationToken cancellationToken) =>
        UpdateAsync(user, """
            update report_jobs set status = 'succeeded', object_key = @ObjectKey, rows = @Rows, finished_at = @Now, lease_until = null
            where id = @Id and status = 'running'
            """, new { Id = id, ObjectKey = objectKey, Rows = rows, Now = time.GetUtcNow() }, cancellationToken);

    public Task<bool> FailAsync(TenantUser user, Guid id, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(user, """
            update report_jobs set status = 'failed', failure = @Reason, finished_at = @Now, lease_until = null
            where id = @Id and status in ('queued', 'running')
            """, new { Id = id, Reason = reason, Now = time.GetUtcNow() }, cancellationToken);

    /// <summary>
    /// Marks jobs whose runner stopped renewing their lease (the process died or restarted) as
    /// failed, so none stays "running" forever, and deletes expired jobs, returning their files' keys.
    /// </summary>
    public async Task<(int Lost, List<string> ExpiredObjects)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await maintenance.OpenConnectionAsync(cancellationToken);
        var lost = await connection.ExecuteAsync(new CommandDefinition("""
            update report_jobs set status = 'failed', failure = 'Interrupted: the server restarted while preparing it. Ask for the report again.',
                   finished_at = @Now, lease_until = null
            where status in ('queued', 'running') and lease_until < @Now
            """, new { Now = now }, cancellationToken: cancellationToken));
        var expired = (await connection.QueryAsync<string?>(new CommandDefinition(
            "delete from report_jobs where expires_at <= @Now returning object_key", new { Now = now }, cancellationToken: cancellationToken)))
            .OfType<string>().ToList();
        return (lost, expired);
    }

    private Task<bool> UpdateAsync(TenantUser user, string sql, object parameters, CancellationToken cancellationToken) =>
        database.InTenantTransactionAsync(user, async tx => await tx.Connection.ExecuteAsync(tx.Command(sql, parameters)) == 1, cancellationToken);

    private sealed record ActiveJobs(long Tenant, long User);
}
