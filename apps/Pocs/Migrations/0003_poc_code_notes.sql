-- Code notes: a snippet of code kept on a POC (e.g. a dojo room's document saved to it). Tenant
-- rows under RLS (enabled and forced), like every table here; a POC's notes go with it.
create table poc_code_notes (
    tenant_id  uuid not null,
    id         uuid not null,
    poc_id     uuid not null,
    title      text not null check (char_length(title) between 1 and 200),
    language   text check (char_length(language) <= 40),
    content    text not null check (char_length(content) <= 1048576),
    source     text check (char_length(source) <= 500),
    created_by uuid not null,
    created_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, poc_id) references pocs (tenant_id, id) on delete cascade
);

-- A POC's notes, newest first (and the foreign key's index for the cascade).
create index poc_code_notes_poc on poc_code_notes (tenant_id, poc_id, created_at desc, id desc);

alter table poc_code_notes enable row level security;
alter table poc_code_notes force row level security;
create policy poc_code_notes_tenant_isolation on poc_code_notes
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert on poc_code_notes to "$app_role$";
