-- Search side tables. Under row-level security PostgreSQL only turns LEAKPROOF operators into index
-- conditions, and the operators of 0001's search indexes (LIKE, &&, @>, @@) are not: those GIN
-- indexes could only be entered by tenant_id, so every name, tag and text search read the whole
-- tenant (docs/performance.md, finding 1). These tables hold one row per (POC, tag), (POC, word)
-- and (POC, name trigram), so that every search filter becomes `=` or a `>=`/`<` range on a b-tree
-- led by tenant_id: leakproof, hence usable under the same RLS policy.
--
-- Each row repeats what searches need without visiting pocs: created_at (the default order, so a
-- filter's rows come newest first straight from the index) and private_owner (the owner of a
-- private POC, null for tenant-visible ones: the visibility rule of PocAccess, mostly null and so
-- almost free to store). A trigger on pocs keeps them in the same transaction as the POC.
--
-- The terms are compared byte-wise (collate "C") so that a word prefix is exactly the range
-- [prefix, poc_prefix_end(prefix)) whatever the database's collation.

-- The rows a POC contributes. SQL functions over the row, so the trigger and bulk loads
-- (the backfill below, the benchmark's seeder) derive them the same way.

-- Distinct folded tags (two spellings may fold to one).
create function poc_tag_rows(p pocs)
    returns table (tenant_id uuid, tag text, created_at timestamptz, poc_id uuid, private_owner uuid)
    language sql stable parallel safe
    as $$ select distinct p.tenant_id, tag, p.created_at, p.id, case when p.visibility = 'private' then p.owner_id end
          from unnest(p.tags_folded) as tag $$;

-- The lexemes of the text document, with the weight of the best field they occur in (name 1.0,
-- tags 0.4, description 0.2: ts_rank's default weights for A, B and C). Free text matches a word
-- of the query against these by prefix, as `word:*` matches the document.
create function poc_term_rows(p pocs)
    returns table (tenant_id uuid, term text, created_at timestamptz, poc_id uuid, weight real, private_owner uuid)
    language sql stable parallel safe
    as $$ select p.tenant_id, lexeme, p.created_at, p.id,
                 case when 'A' = any(weights) then 1.0 when 'B' = any(weights) then 0.4 else 0.2 end,
                 case when p.visibility = 'private' then p.owner_id end
          from unnest(p.search_document) $$;

-- The three-character pieces of the words (runs of letters and digits) of a folded text, as
-- pg_trgm's show_trgm finds them (in C, much faster than splitting in SQL), without the ones it
-- pads at word boundaries (they contain a space) or hashes (non-ASCII: printed as 0x and 6 hex
-- digits). A name contains a text only if it contains every such trigram of the text: a word of
-- the text lies inside one word of the name. So a name search reads the POCs holding the query's
-- trigrams and rechecks the few candidates with LIKE. A text whose words are shorter than three
-- characters (or not ASCII) has no trigram: such a search uses LIKE alone.
create function poc_trigrams(folded text) returns setof text
    language sql immutable parallel safe strict rows 20
    as $$ select trigram from unnest(show_trgm(folded)) as trigram where char_length(trigram) = 3 and position(' ' in trigram) = 0 $$;

create function poc_name_trigram_rows(p pocs)
    returns table (tenant_id uuid, trigram text, created_at timestamptz, poc_id uuid, private_owner uuid)
    language sql stable parallel safe
    as $$ select p.tenant_id, trigram, p.created_at, p.id, case when p.visibility = 'private' then p.owner_id end
          from poc_trigrams(p.name_folded) as trigram $$;

-- The end of the range of texts that start with a prefix (byte-wise, as collate "C" compares):
-- the prefix with its last character incremented. UTF-8 keeps code point order, so every text
-- starting with the prefix sorts below it. (A prefix ending in U+10FFFF, a noncharacter, gets
-- U+10FFFF appended instead: only texts continuing with a second U+10FFFF fall outside.)
create function poc_prefix_end(prefix text) returns text
    language sql immutable parallel safe strict
    as $$ select case when right(prefix, 1) = chr(1114111) then prefix || chr(1114111) else left(prefix, -1) || chr(case ascii(right(prefix, 1))
                                              when 55295 then 57344      -- skip the UTF-16 surrogates, not valid in text
                                              else ascii(right(prefix, 1)) + 1 end) end $$;

create table poc_tags (
    tenant_id     uuid not null,
    tag           text collate "C" not null,
    created_at    timestamptz not null,
    poc_id        uuid not null,
    private_owner uuid
);

create table poc_terms (
    tenant_id     uuid not null,
    term          text collate "C" not null,
    created_at    timestamptz not null,
    poc_id        uuid not null,
    weight        real not null,
    private_owner uuid
);

create table poc_name_trigrams (
    tenant_id     uuid not null,
    trigram       text collate "C" not null,
    created_at    timestamptz not null,
    poc_id        uuid not null,
    private_owner uuid
);

-- Keeps the side tables equal to what pocs says, in the writer's transaction (as the writer's role,
-- so RLS's WITH CHECK applies to these rows too). An update rewrites the POC's rows only when
-- something they are made of changed (see the WHEN of the update trigger).
create function poc_search_rows_sync() returns trigger
    language plpgsql
    as $$
begin
    if tg_op <> 'INSERT' then
        delete from poc_tags where tenant_id = old.tenant_id and poc_id = old.id;
        delete from poc_terms where tenant_id = old.tenant_id and poc_id = old.id;
        delete from poc_name_trigrams where tenant_id = old.tenant_id and poc_id = old.id;
    end if;
    if tg_op <> 'DELETE' then
        insert into poc_tags (tenant_id, tag, created_at, poc_id, private_owner) select * from poc_tag_rows(new);
        insert into poc_terms (tenant_id, term, created_at, poc_id, weight, private_owner) select * from poc_term_rows(new);
        insert into poc_name_trigrams (tenant_id, trigram, created_at, poc_id, private_owner) select * from poc_name_trigram_rows(new);
    end if;
    return null;
end
$$;

create trigger poc_search_rows after insert or delete on pocs
    for each row execute function poc_search_rows_sync();
create trigger poc_search_rows_update after update on pocs
    for each row
    when ((old.tenant_id, old.id, old.owner_id, old.visibility, old.created_at, old.name_folded, old.tags_folded, old.search_document)
          is distinct from (new.tenant_id, new.id, new.owner_id, new.visibility, new.created_at, new.name_folded, new.tags_folded, new.search_document))
    execute function poc_search_rows_sync();

-- Backfill. pocs forces RLS even on its owner (who runs migrations), so the owner would see no
-- row: lift FORCE for this transaction only (DDL is transactional; the end state is unchanged).
alter table pocs no force row level security;
insert into poc_tags (tenant_id, tag, created_at, poc_id, private_owner) select r.* from pocs p cross join lateral poc_tag_rows(p) r;
insert into poc_terms (tenant_id, term, created_at, poc_id, weight, private_owner) select r.* from pocs p cross join lateral poc_term_rows(p) r;
insert into poc_name_trigrams (tenant_id, trigram, created_at, poc_id, private_owner) select r.* from pocs p cross join lateral poc_name_trigram_rows(p) r;
alter table pocs force row level security;

-- Keys (a POC's rows, for the trigger's deletes and for per-POC probes) and the search indexes: a
-- tag's, word's or trigram's POCs newest first, with what filters and ranking read, so that
-- counting and ranking need only the index. Built after the backfill, which is faster.
alter table poc_tags add primary key (tenant_id, poc_id, tag);
create index poc_tags_search on poc_tags (tenant_id, tag, created_at desc, poc_id desc) include (private_owner);
alter table poc_terms add primary key (tenant_id, poc_id, term) include (weight);
create index poc_terms_search on poc_terms (tenant_id, term, created_at desc, poc_id desc) include (weight, private_owner);
alter table poc_name_trigrams add primary key (tenant_id, poc_id, trigram);
create index poc_name_trigrams_search on poc_name_trigrams (tenant_id, trigram, created_at desc, poc_id desc) include (private_owner);

alter table poc_tags enable row level security;
alter table poc_tags force row level security;
create policy poc_tags_tenant_isolation on poc_tags
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table poc_terms enable row level security;
alter table poc_terms force row level security;
create policy poc_terms_tenant_isolation on poc_terms
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table poc_name_trigrams enable row level security;
alter table poc_name_trigrams force row level security;
create policy poc_name_trigrams_tenant_isolation on poc_name_trigrams
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, delete on poc_tags, poc_terms, poc_name_trigrams to "$app_role$";

-- The GIN indexes of 0001 cannot serve a search under RLS (see above); they only cost writes.
drop index pocs_name_trgm;
drop index pocs_tags;
drop index pocs_search_document;
