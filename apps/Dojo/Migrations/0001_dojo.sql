-- Dojo rooms, their accepted operations and their snapshots. Every row belongs to a tenant; RLS
-- (enabled and forced) lets a transaction see only the tenant it set in app.tenant_id.
create table rooms (
    tenant_id  uuid not null,
    id         uuid not null,
    name       text not null check (char_length(name) between 1 and 100),
    language   text not null check (char_length(language) between 1 and 40),
    poc_id     uuid,
    created_by uuid not null,
    created_at timestamptz not null,
    closed_at  timestamptz,
    primary key (tenant_id, id)
);

-- The list of a tenant's open rooms, newest first.
create index rooms_tenant_open on rooms (tenant_id, created_at desc, id desc) where closed_at is null;

-- Every accepted operation, as the room applied it (already transformed), stored before it is
-- acknowledged. revision is the room's revision after applying it (the first operation is 1).
create table room_operations (
    tenant_id  uuid not null,
    room_id    uuid not null,
    revision   int not null check (revision > 0),
    client_id  text not null check (char_length(client_id) between 1 and 64),
    seq        bigint not null check (seq >= 0),
    operation  jsonb not null,
    created_at timestamptz not null,
    primary key (tenant_id, room_id, revision),
    foreign key (tenant_id, room_id) references rooms (tenant_id, id) on delete cascade,
    -- A resubmitted (client_id, seq) is recognised, never applied twice.
    unique (tenant_id, room_id, client_id, seq)
);

-- The document at a revision; a room loads the latest one and replays the operations after it.
create table room_snapshots (
    tenant_id  uuid not null,
    room_id    uuid not null,
    revision   int not null check (revision >= 0),
    document   text not null,
    created_at timestamptz not null,
    primary key (tenant_id, room_id, revision),
    foreign key (tenant_id, room_id) references rooms (tenant_id, id) on delete cascade
);

alter table rooms enable row level security;
alter table rooms force row level security;
create policy rooms_tenant_isolation on rooms
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table room_operations enable row level security;
alter table room_operations force row level security;
create policy room_operations_tenant_isolation on room_operations
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table room_snapshots enable row level security;
alter table room_snapshots force row level security;
create policy room_snapshots_tenant_isolation on room_snapshots
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on rooms to "$app_role$";
grant select, insert on room_operations to "$app_role$";
grant select, insert, delete on room_snapshots to "$app_role$";
