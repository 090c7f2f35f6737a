using System.Net;
using System.Text.Json;
using PocTracker.Contracts.Pocs;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>GET /api/pocs/export: its creation-day range takes every day a date can name, and refuses what is not a date.</summary>
public sealed class ExportTests(PocsApiFixture api) : IClassFixture<PocsApiFixture>, IAsyncLifetime
{
    private readonly TestUser owner = TestUser.NewTenantOwner();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = api.ClientFor(owner);
        await client.CreatePocAsync("Exportado um", "go");
        await client.CreatePocAsync("Exportado dois", "go");
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("createdTo=9999-12-31", 2)]                       // the last day a date can name: no end at all
    [InlineData("createdFrom=0001-01-01&createdTo=9999-12-31", 2)]
    [InlineData("createdFrom=9999-12-31", 0)]
    [InlineData("createdTo=0001-01-01", 0)]
    [InlineData("sort=oldest&createdTo=9999-12-31", 2)]
    [InlineData("sort=oldest&createdFrom=9999-12-31", 0)]
    public async Task The_ends_of_the_calendar_are_a_range_like_any_other(string query, int expected)
    {
        using var response = await client.GetAsync("/api/pocs/export?" + query, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        var pocs = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<PocDto>(line, JsonSerializerOptions.Web)!).ToList();
        Assert.Equal(expected, pocs.Count);
    }

    [Theory]
    [InlineData("createdTo=10000-01-01", "createdTo")]
    [InlineData("createdTo=2026-02-30", "createdTo")]
    [InlineData("createdFrom=%2B2026-01-01", "createdFrom")]
    [InlineData("createdFrom=2026-01-02&createdTo=2026-01-01", "createdTo")]
    public async Task What_is_not_a_day_is_a_400_naming_the_parameter(string query, string field)
    {
        using var response = await client.GetAsync("/api/pocs/export?" + query, TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal([field], problem.ErrorFields());
    }
}
