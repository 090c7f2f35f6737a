-- Year videos: the job that makes one (status, stage, progress, failure reason) and then the film
-- itself (its object key in object storage, length, size). The job runner's own state is in
-- job_runs (ServiceDefaults); this table is what users see.
create table video_jobs (
    tenant_id     uuid not null,
    id            uuid not null,
    user_id       uuid not null,
    status        text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    stage         text check (stage in ('collecting', 'writing', 'rendering', 'encoding', 'storing')),
    progress      int not null default 0 check (progress between 0 and 100),
    format        text not null check (format in ('landscape', 'vertical')),
    culture       text not null check (culture in ('en', 'pt-BR')),
    period_start  date not null,
    period_end    date not null,
    failure       text,
    pocs          int,
    object_key    text,
    duration_ms   bigint,
    bytes         bigint,
    created_at    timestamptz not null,
    started_at    timestamptz,
    updated_at    timestamptz not null,
    finished_at   timestamptz,
    primary key (tenant_id, id)
);
create index video_jobs_user on video_jobs (tenant_id, user_id, created_at desc);
-- One job at a time per user: a second request while one is queued or running gets that one.
create unique index video_jobs_one_active on video_jobs (tenant_id, user_id) where status in ('queued', 'running');
-- The per-tenant cap counts these.
create index video_jobs_active on video_jobs (tenant_id) where status in ('queued', 'running');

alter table video_jobs enable row level security;
alter table video_jobs force row level security;
create policy video_jobs_tenant on video_jobs
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update, delete on video_jobs to "$app_role$";
