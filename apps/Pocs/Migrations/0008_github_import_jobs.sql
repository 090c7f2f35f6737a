-- GitHub user imports run as jobs when the user has more public repositories than GitHub:SynchronousImportLimit
-- (apps/Pocs/GitHub/Jobs). This table is what the person who asked sees: status, progress and, page by page, what
-- was done per repository. Each page's POCs and its progress are written in one transaction, so the counts always
-- match the POCs that exist. How far the work got is the job runner's business (job_runs, or Dapr's state store).
create table github_import_jobs (
    tenant_id    uuid not null,
    id           uuid not null,
    created_by   uuid not null,          -- the only person who sees the job (like report jobs)
    login        text not null,
    status       text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    total        int not null,           -- repositories expected: the user's public ones, at most the cap
    looked_at    int not null default 0,
    created      int not null default 0,
    skipped      int not null default 0,
    pages_done   int not null default 0, -- a page retried after its transaction committed is not written twice
    truncated    boolean not null default false,
    more_pages   boolean not null default true,  -- whether the last page written said to read on
    items        jsonb not null default '[]',  -- [{repositoryUrl, outcome, pocId}] in GitHub's order
    failure      text,
    created_at   timestamptz not null,
    finished_at  timestamptz,
    primary key (tenant_id, id)
);
create index github_import_jobs_creator on github_import_jobs (tenant_id, created_by, created_at desc);

alter table github_import_jobs enable row level security;
alter table github_import_jobs force row level security;
create policy github_import_jobs_tenant on github_import_jobs
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update, delete on github_import_jobs to "$app_role$";
