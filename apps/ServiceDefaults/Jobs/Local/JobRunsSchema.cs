namespace PocTracker.ServiceDefaults.Jobs.Local;

/// <summary>
/// <c>job_runs</c>: the local job runner's durable state, in the database of every app that runs
/// jobs (added before the app's own migrations, like the outbox). One row per job: its workflow and
/// input, the outputs of the activities that completed (replayed after a restart instead of run
/// again), and the lease of the runner working on it. Rows belong to a tenant (RLS); the runner
/// itself works across tenants with the relay role, like the outbox relay.
/// </summary>
internal static class JobRunsSchema
{
    public const string ScriptName = "0000_service_defaults_job_runs.sql";

    public const string Sql = """
        create table job_runs (
            tenant_id    uuid not null,
            id           uuid not null,
            workflow     text not null,
            input        jsonb not null,
            status       text not null check (status in ('pending', 'running', 'completed', 'failed')),
            steps        jsonb not null default '[]',   -- [{activity, output}] of the activities completed, in call order
            runs         int not null default 0,        -- how many times a runner took it (a restart takes it again)
            lease_owner  text,
            lease_until  timestamptz,                   -- the runner renews it; past it (runner gone) another takes over
            failure      text,
            created_at   timestamptz not null default clock_timestamp(),
            finished_at  timestamptz,
            primary key (tenant_id, id)
        );
        create index job_runs_ready on job_runs (created_at) where status in ('pending', 'running');

        alter table job_runs enable row level security;
        alter table job_runs force row level security;
        create policy job_runs_tenant on job_runs
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
        create policy job_runs_runner on job_runs to "$relay_role$"
            using (true) with check (true);

        grant select on job_runs to "$app_role$";
        grant select, insert, update, delete on job_runs to "$relay_role$";
        """;
}
