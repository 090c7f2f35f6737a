using System.Text.Json;
using Dapper;
using Npgsql;

namespace PocTracker.ServiceDefaults.Jobs.Local;

/// <summary>A job taken by a runner: what to run and what already ran.</summary>
internal sealed record ClaimedRun(Guid TenantId, Guid Id, string Workflow, string Input, string Steps, int Runs)
{
    public JobKey Key => new(TenantId, Id);
}

/// <summary>One completed activity of a run: its name and its output as JSON.</summary>
internal sealed record CompletedStep(string Activity, JsonElement Output);

/// <summary>
/// <c>job_runs</c> through the relay role. Lease times come from PostgreSQL's clock, not the app's
/// <see cref="TimeProvider"/>: leases are about processes being alive, which every replica must
/// judge by one clock, and tests that move the app's clock must not expire them.
/// </summary>
internal sealed class JobRunStore(NpgsqlDataSource dataSource, TimeSpan lease)
{
    public async Task<bool> InsertAsync(JobKey key, string workflow, string input, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            insert into job_runs (tenant_id, id, workflow, input, status) values (@TenantId, @JobId, @Workflow, @Input::jsonb, 'pending')
            on conflict do nothing
            """, new { key.TenantId, key.JobId, Workflow = workflow, Input = input }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Takes a job waiting, or one whose runner stopped renewing its lease; null when there is none.
    /// Tenants take turns: a job's turn is how many of its tenant's jobs were in the making (waiting or
    /// running) when it was asked for, so a tenant that asked for many jobs does not hold back another
    /// tenant's first; among equal turns, the oldest first.
    /// </summary>
    public async Task<ClaimedRun?> ClaimAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ClaimedRun>(new CommandDefinition("""
            update job_runs r set status = 'running', runs = r.runs + 1, lease_owner = @Owner, lease_until = clock_timestamp() + @Lease
            from (select j.tenant_id, j.id from job_runs j
                  where j.status = 'pending' or (j.status = 'running' and j.lease_until < clock_timestamp())
                  order by (select count(*) from job_runs ahead
                            where ahead.tenant_id = j.tenant_id and ahead.created_at < j.created_at
                              and (ahead.finished_at is null or ahead.finished_at > j.created_at)),
                           j.created_at
                  limit 1 for update of j skip locked) next
            where r.tenant_id = next.tenant_id and r.id = next.id
            returning r.tenant_id as TenantId, r.id as Id, r.workflow as Workflow, r.input::text as Input, r.steps::text as Steps, r.runs as Runs
            """, new { Owner = owner, Lease = lease }, cancellationToken: cancellationToken));
    }

    /// <summary>Renews the lease; false when this runner no longer holds it.</summary>
    public Task<bool> RenewAsync(JobKey key, string owner, CancellationToken cancellationToken) =>
        UpdateAsync(key, owner, "lease_until = clock_timestamp() + @Lease", new { Lease = lease }, cancellationToken);

    /// <summary>Records an activity's output; false when this runner no longer holds the lease.</summary>
    public Task<bool> AppendStepAsync(JobKey key, string owner, string activity, string output, CancellationToken cancellationToken) =>
        UpdateAsync(key, owner, "steps = steps || jsonb_build_array(jsonb_build_object('activity', @Activity::text, 'output', @Output::jsonb)), lease_until = clock_timestamp() + @Lease",
            new { Activity = activity, Output = output, Lease = lease }, cancellationToken);

    public Task<bool> CompleteAsync(JobKey key, string owner, CancellationToken cancellationToken) =>
        UpdateAsync(key, owner, "status = 'completed', finished_at = clock_timestamp(), lease_owner = null, lease_until = null", new { }, cancellationToken);

    public Task<bool> FailAsync(JobKey key, string owner, string failure, CancellationToken cancellationToken) =>
        UpdateAsync(key, owner, "status = 'failed', failure = @Failure, finished_at = clock_timestamp(), lease_owner = null, lease_until = null",
            new { Failure = failure }, cancellationToken);

    /// <summary>Hands the job back at once (this process is stopping): the next runner resumes it without waiting out the lease.</summary>
    public Task<bool> ReleaseAsync(JobKey key, string owner, CancellationToken cancellationToken) =>
        UpdateAsync(key, owner, "status = 'pending', lease_owner = null, lease_until = null", new { }, cancellationToken);

    private async Task<bool> UpdateAsync(JobKey key, string owner, string set, object parameters, CancellationToken cancellationToken)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("TenantId", key.TenantId);
        arguments.Add("JobId", key.JobId);
        arguments.Add("Owner", owner);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"update job_runs set {set} where tenant_id = @TenantId and id = @JobId and status = 'running' and lease_owner = @Owner",
            arguments, cancellationToken: cancellationToken)) == 1;
    }
}
