-- Report jobs: a report produced in the background (large, or asked for with async=true), stored in
-- object storage, downloaded through a short-lived link, deleted when it expires.
create table report_jobs (
    tenant_id    uuid not null,
    id           uuid not null,
    user_id      uuid not null,
    format       text not null check (format in ('csv', 'pdf')),
    query        text not null,          -- the report's filters, as the query string sent to the pocs export
    language     text not null,          -- en or pt-BR
    separator    text not null default ',',
    status       text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    failure      text,
    file_name    text not null,
    object_key   text,
    rows         bigint,
    created_at   timestamptz not null,
    lease_until  timestamptz,            -- a running job's runner renews this; past it the job is lost (process gone)
    finished_at  timestamptz,
    expires_at   timestamptz not null,
    primary key (tenant_id, id)
);
create index report_jobs_user on report_jobs (tenant_id, user_id, created_at desc);
create index report_jobs_expiry on report_jobs (expires_at);
create index report_jobs_lost on report_jobs (lease_until) where status in ('queued', 'running');

alter table report_jobs enable row level security;
alter table report_jobs force row level security;
create policy report_jobs_tenant on report_jobs
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
-- The maintenance sweep (expired files, jobs lost with their process) works across tenants, with the relay's role.
create policy report_jobs_maintenance on report_jobs to "$relay_role$"
    using (true) with check (true);

grant select, insert, update on report_jobs to "$app_role$";
grant select, update, delete on report_jobs to "$relay_role$";
