using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Reports.Source;

namespace PocTracker.Reports.UnitTests;

/// <summary>How the pocs export's refusal reaches the report's caller.</summary>
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
        var problem = string.Create(CultureInfo.InvariantCulture, $$"""{"type":"https://poctracker.dev/problems/validation-failed","status":{{status}},"errors":{"createdTo":["bad"]} }""");

        var (answered, body) = await AnswerAsync(new PocsExport(null, status, problem));

        Assert.Equal(status, answered);
        Assert.Equal(problem, body);
    }

    [Theory]
    [InlineData(400, null)]
    [InlineData(404, "")]
    [InlineData(413, "<html>too large</html>")]
    public async Task A_4xx_without_a_problem_is_still_that_4xx_as_a_problem(int status, string? text)
    {
        var (answered, body) = await AnswerAsync(new PocsExport(null, status, text));

        Assert.Equal(status, answered);
        Assert.Equal(status, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_token_the_pocs_app_does_not_take_is_a_403(int status)
    {
        var (answered, _) = await AnswerAsync(new PocsExport(null, status, "{}"));

        Assert.Equal(StatusCodes.Status403Forbidden, answered);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_failing_pocs_app_is_a_503(int status)
    {
        var (answered, body) = await AnswerAsync(new PocsExport(null, status, """{"status":500}"""));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answered);
        Assert.Contains("service-unavailable", body, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Body)> AnswerAsync(PocsExport export)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await ReportSource.Refused(export).ExecuteAsync(context);

        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
