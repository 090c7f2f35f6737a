using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Video.FunctionalTests;

/// <summary>Asking for a year video, following it and what is refused: one at a time per user, a cap per tenant, isolation, RLS.</summary>
public sealed class VideoApiTests(VideoFixture video) : IClassFixture<VideoFixture>
{
    private static bool Ended(JsonElement v) => v.GetProperty("status").GetString() is "succeeded" or "failed";

    [Fact]
    public async Task A_seeded_users_video_succeeds_past_a_failed_attempt_and_downloads_as_an_h264_mp4_and_its_completion_is_published()
    {
        var owner = TestUser.NewTenantOwner();
        // Started a week ago: inside the period whatever the hour (a creation day is counted in UTC, the period's days in São Paulo).
        var weekAgo = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7);
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Busca sem acento", Language = "csharp", Tags = ["postgres", "search"], Status = "done", StartedOn = weekAgo, FinishedOn = weekAgo.AddDays(2) });
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Editor colaborativo", Language = "typescript", Tags = ["ot"], RepositoryUrl = "https://github.com/octo/dojo", Status = "in-progress", StartedOn = weekAgo });
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Relatórios em PDF", Language = "csharp", Status = "in-progress", StartedOn = weekAgo.AddDays(1) });
        using var client = video.ClientFor(owner, "en");
        var scriptsBefore = video.Gate.Scripts;
        video.Gate.FailNextScripts(1);

        using var accepted = await client.PostAsync("/api/videos", content: null);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var done = await video.WaitForAsync(owner, id, Ended);

        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        Assert.Equal(2, video.Gate.Scripts - scriptsBefore); // the failed attempt was retried
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        Assert.Equal(3, done.GetProperty("pocs").GetInt32());
        var duration = done.GetProperty("durationSeconds").GetDouble();
        Assert.InRange(duration, 20, 60);
        using var content = await client.GetAsync(done.GetProperty("contentUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal("video/mp4", content.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(Path.GetTempPath(), $"poctracker-test-{id:N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(file, await content.Content.ReadAsByteArrayAsync());
            Assert.Equal(done.GetProperty("bytes").GetInt64(), new FileInfo(file).Length);
            var probe = await FFMpegCore.FFProbe.AnalyseAsync(file);
            Assert.Equal("h264", probe.PrimaryVideoStream?.CodecName);
            Assert.Equal((1280, 720), (probe.PrimaryVideoStream!.Width, probe.PrimaryVideoStream.Height));
            Assert.InRange(probe.Duration.TotalSeconds, duration - 0.5, duration + 0.5);
        }
        finally
        {
            File.Delete(file);
        }

        await video.WaitForJobRunToEndAsync(owner, id);
        Assert.Empty(Directory.EnumerateFileSystemEntries(video.WorkFolder));
        await using var connection = video.AdminConnection();
        await connection.OpenAsync();
        await using var outbox = new NpgsqlCommand(
            "select count(*) from outbox_messages where tenant_id = @tenant and topic = 'VideoCompletedIntegrationEvent' and payload->>'videoId' = @id", connection);
        outbox.Parameters.AddWithValue("tenant", owner.TenantId);
        outbox.Parameters.AddWithValue("id", id.ToString());
        Assert.Equal(1L, (long)(await outbox.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Asking_again_while_a_video_is_in_the_making_returns_the_same_video()
    {
        var owner = TestUser.NewTenantOwner();
        await video.Pocs.CreateAsync(owner, new PocWriteRequest { Name = "Fila de mensagens", Language = "csharp", StartedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7) });
        Guid id;
        using (video.Gate.Hold())
        {
            using var client = video.ClientFor(owner, "pt-BR");
            using var first = await client.PostAsJsonAsync("/api/videos", new { format = "landscape" });
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            var accepted = await first.Content.ReadFromJsonAsync<JsonElement>();
            id = accepted.GetProperty("id").GetGuid();
            Assert.Equal($"/api/videos/{id}", first.Headers.Location?.OriginalString);
            Assert.Equal("pt-BR", accepted.GetProperty("culture").GetString());
            Assert.Equal("landscape", accepted.GetProperty("format").GetString());

            await video.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(60));
            using var second = await client.PostAsync("/api/videos", content: null);
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            var again = await second.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(id, again.GetProperty("id").GetGuid());
            Assert.Equal("running", again.GetProperty("status").GetString());
            Assert.Equal("writing", again.GetProperty("stage").GetString());
            Assert.InRange(again.GetProperty("progress").GetInt32(), 5, 10);
            Assert.Equal(1, again.GetProperty("pocs").GetInt32());

            var listed = await client.GetFromJsonAsync<JsonElement>("/api/videos");
            Assert.Single(listed.EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);
        }

        var ended = await video.WaitForAsync(owner, id, Ended);
        Assert.NotNull(ended.GetProperty("finishedAt").GetString());
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("stage").ValueKind);
        await video.WaitForJobRunToEndAsync(owner, id);
        Assert.Empty(Directory.EnumerateFileSystemEntries(video.WorkFolder)); // work folders go, however the job ended
    }

    [Fact]
    public async Task Past_the_tenants_cap_the_answer_is_429_with_retry_after_and_other_tenants_are_not_held_back()
    {
        var owner = TestUser.NewTenantOwner();
        var colleague = owner.Colleague();
        var elsewhere = TestUser.NewTenantOwner();
        Guid first, other;
        using (video.Gate.Hold())
        {
            using var accepted = await video.ClientFor(owner).PostAsync("/api/videos", content: null);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            first = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            using var refused = await video.ClientFor(colleague).PostAsync("/api/videos", content: null);

            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, refused.Headers.ToString());
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("https://poctracker.dev/problems/too-many-requests", problem.GetProperty("type").GetString());
            Assert.Empty((await video.ClientFor(colleague).GetFromJsonAsync<JsonElement>("/api/videos")).EnumerateArray());

            using var otherTenant = await video.ClientFor(elsewhere).PostAsync("/api/videos", content: null);
            Assert.Equal(HttpStatusCode.Accepted, otherTenant.StatusCode);
            other = (await otherTenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        await video.WaitForAsync(owner, first, Ended);
        await video.WaitForAsync(elsewhere, other, Ended);
        using var afterwards = await video.ClientFor(colleague).PostAsync("/api/videos", content: null);
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        await video.WaitForAsync(colleague, (await afterwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), Ended);
    }

    [Fact]
    public async Task A_video_is_its_users_own_another_user_or_tenant_gets_404()
    {
        var owner = TestUser.NewTenantOwner();
        using var accepted = await video.ClientFor(owner).PostAsync("/api/videos", content: null);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var intruder in new[] { owner.Colleague("admin"), TestUser.NewTenantOwner() })
        {
            using var client = video.ClientFor(intruder);
            using var status = await client.GetAsync($"/api/videos/{id}");
            using var content = await client.GetAsync($"/api/videos/{id}/content");
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
            Assert.DoesNotContain((await client.GetFromJsonAsync<JsonElement>("/api/videos")).EnumerateArray(), v => v.GetProperty("id").GetGuid() == id);
        }

        await video.WaitForAsync(owner, id, Ended);
    }

    [Fact]
    public async Task A_token_that_does_not_open_the_pocs_api_fails_the_video_with_a_reason_and_leaves_no_files()
    {
        var owner = TestUser.NewTenantOwner();
        using var client = video.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(owner, audience: VideoModule.AppId));

        using var accepted = await client.PostAsync("/api/videos", content: null);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var failed = await video.WaitForAsync(owner, id, Ended);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("access expired", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var content = await client.GetAsync($"/api/videos/{id}/content");
        Assert.Equal(HttpStatusCode.Conflict, content.StatusCode);
        await video.WaitForJobRunToEndAsync(owner, id);
        Assert.Empty(Directory.EnumerateFileSystemEntries(video.WorkFolder));
    }

    [Fact]
    public async Task Deleting_an_account_deletes_its_videos_and_no_one_elses()
    {
        var leaving = TestUser.NewTenantOwner();
        var colleague = leaving.Colleague();
        var ids = new List<Guid>();
        foreach (var user in new[] { leaving, colleague })
        {
            // A token without the pocs audience: the video fails at once, which is all this test needs of it.
            using var client = video.Host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(user, audience: VideoModule.AppId));
            using var accepted = await client.PostAsync("/api/videos", content: null);
            ids.Add((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            await video.WaitForAsync(user, ids[^1], Ended);
        }

        var deletion = new Contracts.Identity.UserDeletedIntegrationEvent(leaving.UserId, colleague.UserId) { TenantId = leaving.TenantId };
        var bus = video.Host.Services.GetRequiredService<ServiceDefaults.Events.IEventBus>();
        await bus.PublishAsync(deletion, CancellationToken.None);
        await bus.PublishAsync(deletion, CancellationToken.None); // redelivery

        using var gone = await video.ClientFor(leaving).GetAsync($"/api/videos/{ids[0]}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var kept = await video.ClientFor(colleague).GetAsync($"/api/videos/{ids[1]}");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_and_makes_no_video()
    {
        var owner = TestUser.NewTenantOwner();
        using var client = video.ClientFor(owner);

        using var format = await client.PostAsJsonAsync("/api/videos", new { format = "square" });
        using var malformed = await client.PostAsync("/api/videos", new StringContent("{\"format\":", System.Text.Encoding.UTF8, "application/json"));
        using var wait = await client.GetAsync($"/api/videos/{Guid.NewGuid()}?wait=31");
        using var anonymous = await video.Host.CreateClient().PostAsync("/api/videos", content: null);

        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("format", (await format.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wait.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/videos")).EnumerateArray());
    }

    [Fact]
    public async Task Every_table_with_a_tenant_id_has_row_level_security_enabled_forced_and_policed()
    {
        var tables = await RowLevelSecurityCatalogue.ReadAsync(video.Database, TestContext.Current.CancellationToken);

        Assert.Contains(tables, t => t.Name == "video_jobs");
        Assert.Contains(tables, t => t.Name == "job_runs");
        Assert.Contains(tables, t => t.Name == "outbox_messages");
        Assert.All(tables, table => Assert.True(table.Isolated, table.ToString()));
    }

    [Fact]
    public async Task The_app_role_owns_no_table_and_cannot_bypass_rls()
    {
        await using var connection = new NpgsqlConnection(video.Database.App);
        await connection.OpenAsync();
        await using var bypass = new NpgsqlCommand("select rolbypassrls or rolsuper from pg_roles where rolname = current_user", connection);
        await using var owned = new NpgsqlCommand("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = current_user", connection);

        Assert.False((bool)(await bypass.ExecuteScalarAsync())!);
        Assert.Equal(0L, (long)(await owned.ExecuteScalarAsync())!);
    }
}
