-- Jobs in the making, counted for the per-tenant and per-user caps on every new job.
create index report_jobs_active on report_jobs (tenant_id, user_id) where status in ('queued', 'running');
