using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PocTracker.Contracts.Pocs;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>Small helpers over the POC routes, so tests read as what they check.</summary>
internal static class PocsClient
{
    public static async Task<PocDto> CreatePocAsync(this HttpClient client, PocWriteRequest request)
    {
        using var response = await client.PostAsJsonAsync("/api/pocs", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PocDto>())!;
    }

    public static Task<PocDto> CreatePocAsync(this HttpClient client, string name, string? language = null, string[]? tags = null, string? visibility = null, string? description = null, string? status = null) =>
        client.CreatePocAsync(new PocWriteRequest { Name = name, Language = language, Tags = tags, Visibility = visibility, Description = description, Status = status });

    public static async Task<HttpResponseMessage> PutPocAsync(this HttpClient client, Guid id, PocWriteRequest request, string? ifMatch)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, $"/api/pocs/{id}") { Content = JsonContent.Create(request) };
        if (ifMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(message);
    }

    public static async Task<PocPage> SearchAsync(this HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/pocs?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PocPage>())!;
    }

    public static async Task<string[]> SearchNamesAsync(this HttpClient client, string query) =>
        [.. (await client.SearchAsync(query)).Items.Select(p => p.Name)];

    /// <summary>Reads an RFC 9457 problem and checks its media type and stable type.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"https://poctracker.dev/problems/{code}", problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static string[] ErrorFields(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    public static string ETagOf(this HttpResponseMessage response) => response.Headers.ETag?.Tag ?? throw new InvalidOperationException("no ETag");

    /// <summary>Records compare their lists by reference; compare POCs by their JSON instead.</summary>
    public static void AssertSamePoc(PocDto expected, PocDto? actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
}
