using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PocTracker.ServiceDefaults.UnitTests;

/// <summary>Every error is a problem of ours, whatever the request's Accept names.</summary>
public sealed class ProblemResponsesTests : IAsyncLifetime
{
    private KestrelTestApp app = null!;

    public async ValueTask InitializeAsync() =>
        app = await KestrelTestApp.StartAsync(
            _ => { },
            web =>
            {
                web.MapGet("/bad", () => { throw new BadHttpRequestException("Bad value for x."); });
                web.MapGet("/broken", () => { throw new InvalidOperationException("a bug"); });
                web.MapGet("/refused", () => Results.Problem("Not for you.", statusCode: 403));
                web.MapGet("/bodiless", () => Results.StatusCode(409));
            });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("/bad", 400, "malformed-request")]
    [InlineData("/broken", 500, "internal-error")]
    [InlineData("/refused", 403, "forbidden")]
    [InlineData("/bodiless", 409, "conflict")]
    [InlineData("/no-such-route", 404, "not-found")]
    public async Task A_request_that_accepts_no_json_still_gets_the_problem(string path, int status, string code)
    {
        foreach (var accept in new[] { "text/html", "image/png", "application/xml;q=0.9", "application/json" })
        {
            using var client = app.Client();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);

            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

            var problem = await response.ReadProblemAsync(status, code);
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.True(problem.TryGetProperty("traceId", out _), accept);
        }
    }
}
