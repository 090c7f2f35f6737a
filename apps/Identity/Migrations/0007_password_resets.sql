-- Forgotten passwords: links mailed at the person's request. The link's secret is never stored: token_hash is the
-- SHA-256 of its 32 random bytes. Single use (used_at), valid for 30 minutes (expires_at); they go with their account.
create table reset_links (
    tenant_id  uuid not null references tenants (id) on delete cascade,
    id         uuid not null,
    account_id uuid not null references accounts (id) on delete cascade,
    token_hash bytea not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    primary key (tenant_id, id)
);
create unique index reset_links_token_hash on reset_links (token_hash);
create index reset_links_account on reset_links (tenant_id, account_id);

alter table reset_links enable row level security;
alter table reset_links force row level security;
create policy reset_links_tenant_isolation on reset_links
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- No delete: a used or expired link stays as what it is (rows go with their account or tenant).
grant select, insert, update on reset_links to "$app_role$";
