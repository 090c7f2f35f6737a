-- Report jobs run on the shared job runner: the workflow's input (job_runs, or Dapr's state store) holds the
-- query and how the file is written, and the runner keeps the lease. These columns and the old runner's
-- index are read no more.
-- Jobs the old in-process runner held lived in its memory only and cannot be resumed: they fail with a reason
-- (the owner's rows are under forced row-level security, which this one statement steps past).
alter table report_jobs no force row level security;
update report_jobs
set status = 'failed', failure = 'Interrupted: the server was updated while preparing it. Ask for the report again.', finished_at = now()
where status in ('queued', 'running');
alter table report_jobs force row level security;

drop index report_jobs_lost;
alter table report_jobs drop column lease_until, drop column query, drop column language, drop column separator;
