using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>Another tenant's POCs do not exist for you: not in the code, not in the database.</summary>
public sealed class TenantIsolationTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>
{
    private readonly TestUser tenantA = TestUser.NewTenantOwner();
    private readonly TestUser tenantB = TestUser.NewTenantOwner();

    [Fact]
    public async Task Every_route_answers_404_for_another_tenants_poc_and_changes_nothing()
    {
        var poc = await api.ClientFor(tenantA).CreatePocAsync("Segredo do tenant A", "csharp", ["isolamento"]);
        var intruder = api.ClientFor(tenantB);

        using var read = await intruder.GetAsync($"/api/pocs/{poc.Id}");
        await read.ReadProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var update = await intruder.PutPocAsync(poc.Id, new PocWriteRequest { Name = "invadido" }, "\"1\"");
        await update.ReadProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var updateAny = await intruder.PutPocAsync(poc.Id, new PocWriteRequest { Name = "invadido" }, "*");
        await updateAny.ReadProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var delete = await intruder.DeleteAsync($"/api/pocs/{poc.Id}");
        await delete.ReadProblemAsync(HttpStatusCode.NotFound, "not-found");

        var search = await intruder.SearchAsync("q=segredo&limit=100");
        Assert.Empty(search.Items);
        Assert.Empty((await intruder.SearchAsync("language=csharp")).Items);
        var facets = await intruder.GetFromJsonAsync<PocFacets>("/api/pocs/facets");
        Assert.DoesNotContain(facets!.Tags, t => t.Value == "isolamento");

        PocsClient.AssertSamePoc(poc, await api.ClientFor(tenantA).GetFromJsonAsync<PocDto>($"/api/pocs/{poc.Id}"));
    }

    [Fact]
    public async Task The_app_role_sees_no_rows_without_a_tenant_and_none_of_another_tenant()
    {
        await api.ClientFor(tenantA).CreatePocAsync("Linha protegida por RLS");
        Assert.True(await api.CountPocsAsync(tenantA.TenantId) > 0);

        await using var connection = new NpgsqlConnection(api.Database.App);
        await connection.OpenAsync();

        Assert.Equal(0L, await ScalarAsync<long>(connection, "select count(*) from pocs"));

        await using var transaction = await connection.BeginTransactionAsync();
        await ScalarAsync<string>(connection, $"select set_config('app.tenant_id', '{tenantB.TenantId}', true)", transaction);
        Assert.Equal(0L, await ScalarAsync<long>(connection, $"select count(*) from pocs where tenant_id = '{tenantA.TenantId}'", transaction));
    }

    [Fact]
    public async Task The_app_role_cannot_write_rows_of_another_tenant()
    {
        await using var connection = new NpgsqlConnection(api.Database.App);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ScalarAsync<string>(connection, $"select set_config('app.tenant_id', '{tenantB.TenantId}', true)", transaction);

        var insert = new NpgsqlCommand(
            $"""
            insert into pocs (tenant_id, id, owner_id, name, status, visibility, created_at, updated_at)
            values ('{tenantA.TenantId}', gen_random_uuid(), gen_random_uuid(), 'planted', 'idea', 'tenant', now(), now())
            """, connection, transaction);
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // "new row violates row-level security policy"
    }

    [Fact]
    public async Task The_app_role_owns_no_table_and_cannot_bypass_rls()
    {
        await using var connection = new NpgsqlConnection(api.Database.App);
        await connection.OpenAsync();

        Assert.False(await ScalarAsync<bool>(connection, "select rolbypassrls or rolsuper from pg_roles where rolname = current_user"));
        Assert.Equal(0L, await ScalarAsync<long>(connection,
            "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = current_user"));
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_has_row_level_security_enabled_forced_and_policed()
    {
        var tables = await RowLevelSecurityCatalogue.ReadAsync(api.Database, TestContext.Current.CancellationToken);

        Assert.Contains(tables, t => t.Name == "pocs");
        Assert.Contains(tables, t => t.Name == "outbox_messages");
        Assert.Contains(tables, t => t.Name == "poc_code_notes");
        Assert.All(tables, table => Assert.True(table.Isolated, table.ToString()));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
