using System.Text.Json;
using Npgsql;
using PocTracker.TestSupport;

namespace PocTracker.Reports.FunctionalTests;

/// <summary>A report job as a process that kept dying leaves it: running, taken three times, its last runner's lease over.</summary>
internal static class LostReportJob
{
    /// <summary>Writes such a job of <paramref name="owner"/>'s straight to the database; the runner takes it once more and gives up.</summary>
    public static async Task<Guid> InsertAsync(ReportsFixture reports, TestUser owner, string format, CancellationToken cancellationToken)
    {
        var lost = Guid.CreateVersion7();
        var fileName = $"pocs.{format}";
        await using var connection = new NpgsqlConnection(reports.Database.Migrations);
        await connection.OpenAsync(cancellationToken);
        // The tables' owner is under row-level security too (forced): it writes as the tenant.
        await using var insert = new NpgsqlCommand("""
            select set_config('app.tenant_id', @tenant::text, false);
            insert into report_jobs (tenant_id, id, user_id, format, status, file_name, created_at, expires_at)
            values (@tenant, @id, @user, @format, 'running', @file, now() - interval '10 minutes', now() + interval '1 day');
            insert into job_runs (tenant_id, id, workflow, input, status, runs, lease_owner, lease_until)
            values (@tenant, @id, 'ReportWorkflow', @input::jsonb, 'running', 3, 'a-dead-process', now() - interval '1 minute');
            """, connection);
        insert.Parameters.AddWithValue("tenant", owner.TenantId);
        insert.Parameters.AddWithValue("id", lost);
        insert.Parameters.AddWithValue("user", owner.UserId);
        insert.Parameters.AddWithValue("format", format);
        insert.Parameters.AddWithValue("file", fileName);
        insert.Parameters.AddWithValue("input", JsonSerializer.Serialize(new
        {
            tenantId = owner.TenantId, userId = owner.UserId, jobId = lost, format, query = "", fileName,
            options = new { culture = "en", separator = ",", tenant = "", user = "", filters = Array.Empty<object>() },
            protectedAccessToken = "x",
        }));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return lost;
    }
}
