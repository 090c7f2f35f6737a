namespace PocTracker.ServiceDefaults.Database;

/// <summary>
/// The outbox table every app database gets, before the app's own migrations. Rows belong to a
/// tenant, so RLS guards them like any tenant table; the relay role alone may read every tenant's
/// rows (and only this table's), to publish them.
/// </summary>
internal static class OutboxSchema
{
    public const string ScriptName = "0000_service_defaults_outbox.sql";

    public const string Sql = """
        create table outbox_messages (
            id           uuid primary key,
            tenant_id    uuid not null,
            topic        text not null,
            clr_type     text not null,
            payload      jsonb not null,
            occurred_at  timestamptz not null,
            published_at timestamptz,
            attempts     int not null default 0,
            last_error   text
        );
        create index outbox_messages_unpublished on outbox_messages (occurred_at, id) where published_at is null;

        alter table outbox_messages enable row level security;
        alter table outbox_messages force row level security;
        create policy outbox_messages_tenant on outbox_messages
            using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
            with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
        create policy outbox_messages_relay on outbox_messages to "$relay_role$"
            using (true) with check (true);

        grant insert on outbox_messages to "$app_role$";
        grant select, update, delete on outbox_messages to "$relay_role$";
        """;
}
