using System.Buffers.Text;
using System.Net;
using System.Text;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// A cursor is only ever one the app handed out, for the same search by the same person: anything
/// else (forged, tampered, cut short, or from another search, person or tenant) is a 400 on
/// <c>cursor</c>, never a database error and never silently accepted.
/// </summary>
public sealed class SearchCursorTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>, IAsyncLifetime
{
    private readonly TestUser owner = TestUser.NewTenantOwner();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = api.ClientFor(owner);
        foreach (var name in new[] { "Cursor um", "Cursor dois", "Cursor três" })
        {
            await client.CreatePocAsync(name, "go", ["cursores"], description: "paginação por cursor");
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Cursors in the shape the app once handed out (base64url JSON of sort, key and id), with sort keys that
    /// PostgreSQL cannot read as the sort's type: each reached the SQL as a cast and failed there (22007,
    /// 22008, 22P02, 22021) with a 500.
    /// </summary>
    [Theory]
    [InlineData("sort=newest", "newest", "garbage")]
    [InlineData("sort=oldest", "oldest", "99999-01-01T00:00:00.000000Z")]
    [InlineData("sort=updated", "updated", "2026-13-45T99:00:00.000000Z")]
    [InlineData("q=cursor&sort=relevance", "relevance", "muito")]
    [InlineData("sort=name", "name", "a\u0000b")]
    public async Task A_forged_cursor_is_a_400_on_cursor(string search, string sort, string key)
    {
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"sort":"{{sort}}","key":"{{key.Replace("\0", "\\u0000", StringComparison.Ordinal)}}","id":"{{Guid.NewGuid()}}"}"""));

        await AssertRefusedAsync(client, $"{search}&cursor={forged}");
    }

    [Fact]
    public async Task A_tampered_or_truncated_cursor_is_a_400_on_cursor()
    {
        var cursor = (await client.SearchAsync("sort=newest&limit=1")).NextCursor!;
        var bytes = Base64Url.DecodeFromChars(cursor);
        bytes[bytes.Length / 2] ^= 0x01;

        await AssertRefusedAsync(client, $"sort=newest&limit=1&cursor={Base64Url.EncodeToString(bytes)}");
        await AssertRefusedAsync(client, $"sort=newest&limit=1&cursor={cursor[..^4]}");
    }

    [Fact]
    public async Task A_cursor_of_another_tenant_is_a_400_on_cursor()
    {
        var cursor = (await client.SearchAsync("sort=newest&limit=1")).NextCursor!;
        var stranger = TestUser.NewTenantOwner();
        using var strangerClient = api.ClientFor(stranger);
        await strangerClient.CreatePocAsync("Outro tenant", "go");

        await AssertRefusedAsync(strangerClient, $"sort=newest&limit=1&cursor={cursor}");
    }

    [Fact]
    public async Task A_cursor_of_a_colleague_or_of_another_search_is_a_400_on_cursor()
    {
        var cursor = (await client.SearchAsync("tags=cursores&sort=newest&limit=1")).NextCursor!;
        using var colleague = api.ClientFor(owner.Colleague());

        await AssertRefusedAsync(colleague, $"tags=cursores&sort=newest&limit=1&cursor={cursor}");
        await AssertRefusedAsync(client, $"tags=outra-coisa&sort=newest&limit=1&cursor={cursor}");
        await AssertRefusedAsync(client, $"tags=cursores&owner=me&sort=newest&limit=1&cursor={cursor}");
        await AssertRefusedAsync(client, $"tags=cursores&sort=oldest&limit=1&cursor={cursor}");
    }

    [Theory]
    [InlineData("sort=newest")]
    [InlineData("sort=updated")]
    [InlineData("sort=name")]
    [InlineData("q=cursor&sort=relevance")]
    public async Task The_cursors_handed_out_walk_every_page_and_another_page_size_may_follow(string search)
    {
        var first = await client.SearchAsync($"{search}&limit=1");
        var rest = await client.SearchAsync($"{search}&limit=5&cursor={first.NextCursor}");

        Assert.Equal(3, first.Items.Concat(rest.Items).Select(p => p.Id).Distinct().Count());
        Assert.Null(rest.NextCursor);
    }

    private static async Task AssertRefusedAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/pocs?" + query);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["cursor"], problem.ErrorFields());
    }
}
