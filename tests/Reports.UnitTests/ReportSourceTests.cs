using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Pocs;
using PocTracker.Reports.Source;
using PocTracker.Sdk.Pocs;

namespace PocTracker.Reports.UnitTests;

/// <summary>How the pocs export's refusal, as the SDK's client reads it, reaches the report's caller.</summary>
public sealed class ReportSourceTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(429)]
    public async Task A_4xx_with_a_problem_is_passed_on_with_its_status_and_problem(int status)
    {
        var problem = string.Create(CultureInfo.InvariantCulture,
            $$"""{"type":"https://poctracker.dev/problems/validation-failed","title":"The request is invalid.","status":{{status}},"detail":"One or more fields are invalid.","errors":{"createdTo":["bad"]},"code":"validation-failed"}""");

        var (answered, body) = await AnswerAsync(Answer(status, problem, "application/problem+json"));

        Assert.Equal(status, answered);
        using var passedOn = JsonDocument.Parse(body);
        using var original = JsonDocument.Parse(problem);
        foreach (var member in new[] { "type", "title", "detail" })
        {
            Assert.Equal(original.RootElement.GetProperty(member).GetString(), passedOn.RootElement.GetProperty(member).GetString());
        }

        Assert.Equal(status, passedOn.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("bad", passedOn.RootElement.GetProperty("errors").GetProperty("createdTo")[0].GetString());
    }

    [Theory]
    [InlineData(400, null, null)]
    [InlineData(404, "", "application/problem+json")]
    [InlineData(413, "<html>too large</html>", "text/html")]
    [InlineData(400, "{ not json", "application/json")]
    public async Task A_4xx_without_a_problem_is_still_that_4xx_as_a_problem(int status, string? text, string? mediaType)
    {
        var (answered, body) = await AnswerAsync(Answer(status, text, mediaType));

        Assert.Equal(status, answered);
        Assert.Equal(status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_token_the_pocs_app_does_not_take_is_a_403(int status)
    {
        var (answered, _) = await AnswerAsync(Answer(status, "{}", "application/problem+json"));

        Assert.Equal(StatusCodes.Status403Forbidden, answered);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_failing_pocs_app_is_a_503(int status)
    {
        var (answered, body) = await AnswerAsync(Answer(status, """{"status":500}""", "application/problem+json"));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answered);
        Assert.Contains("service-unavailable", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pocs_app_that_cannot_be_reached_is_a_503()
    {
        var (answered, body) = await AnswerAsync(_ => throw new HttpRequestException("Connection refused"));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answered);
        Assert.Contains("service-unavailable", body, StringComparison.Ordinal);
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> Answer(int status, string? body, string? mediaType) => _ =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8);
            response.Content.Headers.ContentType = mediaType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        return response;
    };

    /// <summary>Opens the export against a pocs app that answers as <paramref name="pocs"/> does, and runs what the report answers.</summary>
    private static async Task<(int Status, string Body)> AnswerAsync(Func<HttpRequestMessage, HttpResponseMessage> pocs)
    {
        using var http = new HttpClient(new Answering(pocs)) { BaseAddress = new Uri("http://pocs/") };
        var export = await ReportSource.OpenAsync(new PocsClient(http), new PocSearchFilters { Status = "bogus" }, CancellationToken.None);
        Assert.Null(export.Pocs);

        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await ReportSource.Refused(export).ExecuteAsync(context);

        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
