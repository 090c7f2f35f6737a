using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PocTracker.Identity.Data;

/// <summary>
/// Which tenant the identity database may show in this scope (a request, a login attempt).
/// Accounts are tenant rows under row-level security; login learns the tenant from the slug the
/// person typed, a token request from the token being redeemed.
/// </summary>
public sealed class TenantScope
{
    public Guid? TenantId { get; private set; }

    public void Enter(Guid tenantId) => TenantId = tenantId;
}

/// <summary>
/// Sets <c>app.tenant_id</c> on every connection EF Core opens, from the scope's tenant (empty when
/// none, so RLS shows no account at all). Npgsql resets session state when a connection returns to
/// the pool, so the setting never outlives the use it was made for.
/// </summary>
internal sealed class TenantScopeConnectionInterceptor(TenantScope scope) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Command(connection).ExecuteNonQuery();

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(DbConnection connection)
    {
        var command = new NpgsqlCommand("select set_config('app.tenant_id', @tenant, false)", (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("tenant", scope.TenantId?.ToString() ?? "");
        return command;
    }
}
