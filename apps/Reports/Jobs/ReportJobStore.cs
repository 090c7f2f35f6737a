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

    public Task<ReportJobRow> CreateAsync(TenantUser user, string format, string query, string language, char separator, string fileName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return database.InTenantTransactionAsync(user, tx => tx.Connection.QuerySingleAsync<ReportJobRow>(tx.Command(
            $"""
            insert into report_jobs (tenant_id, id, user_id, format, query, language, separator, status, file_name, created_at, lease_until, expires_at)
            values (@TenantId, @Id, @UserId, @Format, @Query, @Language, @Separator, 'queued', @FileName, @Now, @LeaseUntil, @ExpiresAt)
            returning {ReportJobRow.Columns}
            """,
            new
            {
                user.TenantId, Id = Guid.CreateVersion7(now), user.UserId, Format = format, Query = query, Language = language,
                Separator = separator.ToString(), FileName = fileName, Now = now, LeaseUntil = now + Lease, ExpiresAt = now + Lifetime,
            })), cancellationToken);
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

    public Task<bool> RenewLeaseAsync(TenantUser user, Guid id, CancellationToken cancellationToken) =>
        UpdateAsync(user, "update report_jobs set lease_until = @LeaseUntil where id = @Id and status = 'running'",
            new { Id = id, LeaseUntil = time.GetUtcNow() + Lease }, cancellationToken);

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
}
