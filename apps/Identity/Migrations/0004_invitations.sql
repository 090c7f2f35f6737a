-- Invitations to join a tenant. The link's secret is never stored: token_hash is the SHA-256 of
-- its 32 random bytes. Single use (accepted_at), valid for 7 days (expires_at).
create table invitations (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    id          uuid not null,
    email       varchar(256) not null,
    role        varchar(20) not null check (role in ('owner', 'admin', 'member')),
    token_hash  bytea not null,
    invited_by  uuid not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    primary key (tenant_id, id)
);
create unique index invitations_token_hash on invitations (token_hash);
create index invitations_tenant_email on invitations (tenant_id, lower(email));

alter table invitations enable row level security;
alter table invitations force row level security;
create policy invitations_tenant_isolation on invitations
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Delete: a new invitation to the same e-mail replaces the pending one.
grant select, insert, update, delete on invitations to "$app_role$";
