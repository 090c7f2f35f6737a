-- Tags were lower-cased with .NET's invariant casing, which leaves the dotted capital İ (U+0130) as it
-- is: "İstanbul" was stored as "İstanbul", beside any "istanbul". Tags now store it as a plain i
-- (apps/Pocs/Catalog/Tag.cs says why). This rewrites the tags stored before: each tag keeps its first
-- position, duplicates that appear are dropped, and the POC's version moves so its ETag changes with
-- what it says. The triggers keep the search side tables and the index's change log as for any write.
--
-- pocs and the tables its triggers write force RLS even on their owner (who runs migrations), so the
-- owner would see no row: lift FORCE for this transaction only, and fire the deferred change trigger
-- before putting it back (DDL is transactional; the end state is unchanged).
alter table pocs no force row level security;
alter table poc_tags no force row level security;
alter table poc_terms no force row level security;
alter table poc_name_trigrams no force row level security;
alter table poc_search_versions no force row level security;
alter table poc_search_changes no force row level security;

update pocs p
set tags = rewritten.tags, version = p.version + 1
from (
    select tenant_id, id, array_agg(tag order by first_position) as tags
    from (
        select p.tenant_id, p.id, replace(t.tag, 'İ', 'i') as tag, min(t.position) as first_position
        from pocs p cross join lateral unnest(p.tags) with ordinality as t(tag, position)
        where poc_tags_text(p.tags) like '%İ%'
        group by p.tenant_id, p.id, replace(t.tag, 'İ', 'i')
    ) distinct_tags
    group by tenant_id, id
) rewritten
where p.tenant_id = rewritten.tenant_id and p.id = rewritten.id;

set constraints all immediate;

alter table pocs force row level security;
alter table poc_tags force row level security;
alter table poc_terms force row level security;
alter table poc_name_trigrams force row level security;
alter table poc_search_versions force row level security;
alter table poc_search_changes force row level security;
