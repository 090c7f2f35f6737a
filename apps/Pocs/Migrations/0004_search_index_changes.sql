-- Change tracking for the in-memory search index (apps/Pocs/Search/Index). Each app replica keeps an
-- index of the tenants it serves; before trusting it, a search reads the tenant's version in the
-- same round trip as the page's rows, and when the version moved it re-reads the POCs changed since
-- (poc_search_changes, one row per POC: its latest version, so the table never holds more than
-- one row per POC ever written).
--
-- Versions must become visible in the order they are numbered, or a reader that saw version 11
-- could miss a slower transaction's 10 forever. So the counter is a row per tenant taken with a row
-- lock, and it is taken at COMMIT (a deferred constraint trigger), after the transaction holds every
-- other lock it needs: writers of one tenant queue only for the instant of their commit, and no
-- deadlock can form around the counter (a transaction waiting for it waits for nothing else).
create table poc_search_versions (
    tenant_id uuid primary key,
    version   bigint not null
);

create table poc_search_changes (
    tenant_id uuid not null,
    poc_id    uuid not null,
    version   bigint not null,
    primary key (tenant_id, poc_id)
);

create index poc_search_changes_since on poc_search_changes (tenant_id, version);

create function poc_search_change() returns trigger
    language plpgsql
    as $$
declare
    changed_tenant uuid;
    changed_poc    uuid;
    next_version   bigint;
begin
    if tg_op = 'DELETE' then
        changed_tenant := old.tenant_id;
        changed_poc := old.id;
    else
        changed_tenant := new.tenant_id;
        changed_poc := new.id;
    end if;

    insert into poc_search_versions as v (tenant_id, version) values (changed_tenant, 1)
        on conflict (tenant_id) do update set version = v.version + 1
        returning v.version into next_version;
    insert into poc_search_changes as c (tenant_id, poc_id, version) values (changed_tenant, changed_poc, next_version)
        on conflict (tenant_id, poc_id) do update set version = excluded.version;
    return null;
end
$$;

create constraint trigger poc_search_change after insert or update or delete on pocs
    deferrable initially deferred
    for each row execute function poc_search_change();

alter table poc_search_versions enable row level security;
alter table poc_search_versions force row level security;
create policy poc_search_versions_tenant_isolation on poc_search_versions
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table poc_search_changes enable row level security;
alter table poc_search_changes force row level security;
create policy poc_search_changes_tenant_isolation on poc_search_changes
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on poc_search_versions, poc_search_changes to "$app_role$";
