using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Video.FunctionalTests;

/// <summary>A Standalone job cut off by a restart resumes from its last completed step, or fails with a reason: it never stays running.</summary>
public sealed class VideoRestartTests(VideoFixture video) : IClassFixture<VideoFixture>
{
    private static bool Ended(JsonElement v) => v.GetProperty("status").GetString() is "succeeded" or "failed";

    [Fact]
    public async Task A_job_cut_off_by_a_restart_resumes_on_the_new_host_from_its_last_completed_step()
    {
        var owner = TestUser.NewTenantOwner();
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Cache distribuído", Language = "go", Tags = ["redis"], StartedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7) });
        Guid id;
        using (video.Gate.Hold())
        {
            using var accepted = await video.ClientFor(owner).PostAsync("/api/videos", content: null);
            id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await video.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(60)); // collected; writing the script

            var afterRestart = new FilmGate();
            using (afterRestart.Hold())
            {
                await video.RestartAsync(afterRestart);
                await afterRestart.Entered.WaitAsync(TimeSpan.FromSeconds(60));

                // The new host took the job again and replayed the collect step instead of running it again.
                var (runs, steps) = await RunOfAsync(owner.TenantId, id);
                Assert.Equal(2, runs);
                Assert.Equal(["CollectPocsActivity"], steps);
                var resumed = await video.ClientFor(owner).GetFromJsonAsync<JsonElement>($"/api/videos/{id}");
                Assert.Equal("running", resumed.GetProperty("status").GetString());
                Assert.Equal("writing", resumed.GetProperty("stage").GetString());
                Assert.Equal(1, resumed.GetProperty("pocs").GetInt32());
                Assert.Equal(1, afterRestart.Scripts);
            }

            var ended = await video.WaitForAsync(owner, id, Ended);
            Assert.True(ended.GetProperty("status").GetString() == "succeeded", ended.ToString());
            Assert.Equal(0, video.Gate.Renders); // the first host never got past the script
            Assert.Equal(1, afterRestart.Renders);
        }

        await video.WaitForJobRunToEndAsync(owner, id);
        Assert.Empty(Directory.EnumerateFileSystemEntries(video.WorkFolder));
    }

    [Fact]
    public async Task A_job_whose_process_kept_dying_is_failed_with_a_reason_once_its_lease_has_passed()
    {
        var owner = TestUser.NewTenantOwner();
        var id = Guid.CreateVersion7();
        await using (var connection = video.AdminConnection())
        {
            await connection.OpenAsync();
            // A job taken three times already, whose last runner died (its lease is over): the runner takes it once more and gives up.
            await using var insert = new NpgsqlCommand("""
                insert into video_jobs (tenant_id, id, user_id, status, stage, progress, format, culture, period_start, period_end, created_at, started_at, updated_at)
                values (@tenant, @id, @user, 'running', 'rendering', 40, 'landscape', 'en', '2025-11-26', '2026-11-25', now(), now(), now());
                insert into job_runs (tenant_id, id, workflow, input, status, runs, lease_owner, lease_until)
                values (@tenant, @id, 'YearVideoWorkflow', @input::jsonb, 'running', 3, 'a-dead-process', now() - interval '1 minute');
                """, connection);
            insert.Parameters.AddWithValue("tenant", owner.TenantId);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("user", owner.UserId);
            insert.Parameters.AddWithValue("input", JsonSerializer.Serialize(new
            {
                tenantId = owner.TenantId, userId = owner.UserId, videoId = id, viewerName = "Ana", culture = "en", format = "landscape",
                periodStart = "2025-11-26", periodEnd = "2026-11-25", timeZone = "America/Sao_Paulo", protectedAccessToken = "x",
            }));
            await insert.ExecuteNonQueryAsync();
        }

        var failed = await video.WaitForAsync(owner, id, Ended);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("restarted", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var (runs, _) = await RunOfAsync(owner.TenantId, id);
        Assert.Equal(4, runs);
    }

    private async Task<(int Runs, string[] Steps)> RunOfAsync(Guid tenant, Guid id)
    {
        await using var connection = video.AdminConnection();
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            select runs, array(select s->>'activity' from jsonb_array_elements(steps) s) from job_runs where tenant_id = @tenant and id = @id
            """, connection);
        query.Parameters.AddWithValue("tenant", tenant);
        query.Parameters.AddWithValue("id", id);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt32(0), reader.GetFieldValue<string[]>(1));
    }
}
