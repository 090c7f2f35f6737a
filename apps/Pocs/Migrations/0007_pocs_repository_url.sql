-- The GitHub import (apps/Pocs/GitHub) registers a repository once per tenant: before inserting it looks for the
-- tenant's POCs of the repository by lower(repository_url) (URLs are stored canonical, so owner and name differ at most
-- in case, which GitHub ignores), under a per-tenant advisory lock. Not unique: POST /api/pocs, PUT and the CSV import
-- have always accepted a repository twice, and rows that already do must stay valid. RLS (0001) still decides which rows
-- a transaction sees; the index only makes the lookup cheap.
create index pocs_tenant_repository_url on pocs (tenant_id, lower(repository_url)) where repository_url is not null;
