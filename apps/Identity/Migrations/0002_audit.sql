-- The audit log: security events of a tenant, readable by its owners and admins.
create table audit_events (
    tenant_id   uuid not null references tenants (id) on delete cascade,
    id          uuid not null,
    occurred_at timestamptz not null,
    kind        varchar(40) not null,
    account_id  uuid,
    actor_id    uuid,
    ip_address  varchar(64),
    outcome     varchar(10) not null check (outcome in ('success', 'failure')),
    detail      varchar(400),
    primary key (tenant_id, id)
);
create index audit_events_tenant_time on audit_events (tenant_id, occurred_at desc, id desc);

alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy audit_events_tenant_isolation on audit_events
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Append-only for the app: events are never changed or removed by it.
grant select, insert on audit_events to "$app_role$";
