using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PocTracker.Web.Tests.Pocs;

/// <summary>
/// The server as the SDK's clients see it: each method and path answered with the JSON last given for it (as the apps
/// write it), and every request kept (method, path, If-Match, body) for the test to read.
/// </summary>
public sealed class ApiStub : HttpMessageHandler
{
    public const string ValidationFailed = "https://poctracker.dev/problems/validation-failed";

    private readonly ConcurrentDictionary<string, (string Body, HttpStatusCode Status, string MediaType, TimeSpan? RetryAfter)> answers = new();
    private readonly ConcurrentQueue<AskedRequest> asked = new();

    public IReadOnlyList<AskedRequest> Asked => [.. asked];

    public HttpClient Client => new(this) { BaseAddress = new Uri("http://app.test/") };

    /// <param name="retryAfter">Sent as <c>Retry-After</c> in seconds (a 503 or 429), when given.</param>
    public void Answer(string method, string path, string json, HttpStatusCode status = HttpStatusCode.OK, TimeSpan? retryAfter = null) =>
        answers[$"{method} {path}"] = (json, status, (int)status >= 400 ? "application/problem+json" : "application/json", retryAfter);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        asked.Enqueue(new AskedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, request.Headers.IfMatch.ToString(), body, request.RequestUri.Query));
        var (json, status, mediaType, retryAfter) = answers.TryGetValue($"{request.Method.Method} {request.RequestUri.AbsolutePath}", out var answer)
            ? answer
            : ("""{"type":"https://poctracker.dev/problems/not-found","title":"Not found.","status":404,"code":"not-found"}""", HttpStatusCode.NotFound, "application/problem+json", null);
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }

        return response;
    }
}

public sealed record AskedRequest(string Method, string Path, string IfMatch, string? Body, string Query = "");
