-- The POC catalog. Every row belongs to a tenant; RLS (enabled and forced) lets a transaction see
-- only the tenant it set in app.tenant_id, whatever the query says.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists btree_gin;

-- Accent folding for search. unaccent() is only STABLE (its dictionary could change), which keeps
-- it out of generated columns and indexes; pinning the dictionary makes this wrapper immutable.
create function poc_fold(value text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

create function poc_fold_all(tags text[]) returns text[]
    language sql immutable parallel safe strict
    as $$ select coalesce(array_agg(poc_fold(tag) order by ordinality), '{}') from unnest(tags) with ordinality as t(tag, ordinality) $$;

-- Tags as one line of words for the text document (array_to_string is only STABLE in general;
-- for text[] it cannot change).
create function poc_tags_text(tags text[]) returns text
    language sql immutable parallel safe strict
    as $$ select array_to_string(tags, ' ') $$;

create table pocs (
    tenant_id      uuid not null,
    id             uuid not null,
    owner_id       uuid not null,
    name           text not null check (char_length(name) between 1 and 200),
    description    text check (char_length(description) <= 10000),
    language       text,
    tags           text[] not null default '{}',
    repository_url text,
    status         text not null check (status in ('idea', 'in-progress', 'done', 'dropped')),
    started_on     date,
    finished_on    date,
    notes          text,
    visibility     text not null check (visibility in ('private', 'tenant')),
    version        int not null default 1,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    -- Derived search columns: folded name for partial matches, folded tags for tag filters,
    -- and a weighted document (name > tags > description) for ranked free text.
    name_folded    text generated always as (poc_fold(name)) stored,
    tags_folded    text[] generated always as (poc_fold_all(tags)) stored,
    search_document tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, poc_fold(name)), 'A') ||
        setweight(to_tsvector('simple'::regconfig, poc_fold(poc_tags_text(tags))), 'B') ||
        setweight(to_tsvector('simple'::regconfig, poc_fold(coalesce(description, ''))), 'C')) stored,
    primary key (tenant_id, id)
);

-- Default order (newest first) and keyset pagination.
create index pocs_tenant_created on pocs (tenant_id, created_at desc, id desc);
create index pocs_tenant_updated on pocs (tenant_id, updated_at desc, id desc);
create index pocs_tenant_name on pocs (tenant_id, name_folded, id);
create index pocs_tenant_language on pocs (tenant_id, language, created_at desc, id desc);
create index pocs_tenant_owner on pocs (tenant_id, owner_id, created_at desc, id desc);
-- Partial name matches (prefix and infix) and tag containment, scoped by tenant (btree_gin).
create index pocs_name_trgm on pocs using gin (tenant_id, name_folded gin_trgm_ops);
create index pocs_tags on pocs using gin (tenant_id, tags_folded);
create index pocs_search_document on pocs using gin (tenant_id, search_document);

alter table pocs enable row level security;
alter table pocs force row level security;
create policy pocs_tenant_isolation on pocs
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update, delete on pocs to "$app_role$";
