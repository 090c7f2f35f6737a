using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PocTracker.Web.Tests;

/// <summary>
/// Answers the SDK's requests as the apps would: each path with its scripted answers in turn (the last one again once
/// they run out), and logs every method, path and query asked. Unscripted paths are a 404 problem.
/// </summary>
internal sealed class ScriptedApi : HttpMessageHandler
{
    public static readonly Uri Origin = new("http://app.test/");

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpResponseMessage>>> answers = new();
    private readonly ConcurrentQueue<string> asked = new();

    public IReadOnlyList<string> Asked => [.. asked];

    public HttpClient Client() => new(this) { BaseAddress = Origin };

    /// <summary>
    /// Adds answers to <paramref name="route"/> (a path, or "METHOD path" when one path takes several methods), given in
    /// the order they are to be given.
    /// </summary>
    public ScriptedApi Answer(string route, params Func<HttpResponseMessage>[] inTurn)
    {
        var queue = answers.GetOrAdd(route, _ => new ConcurrentQueue<Func<HttpResponseMessage>>());
        foreach (var answer in inTurn)
        {
            queue.Enqueue(answer);
        }

        return this;
    }

    public ScriptedApi Json(string path, params string[] bodies) =>
        Answer(path, [.. bodies.Select(body => (Func<HttpResponseMessage>)(() => Reply(HttpStatusCode.OK, body, "application/json")))]);

    public static HttpResponseMessage Reply(HttpStatusCode status, string body, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string problemJson, TimeSpan? retryAfter = null)
    {
        var reply = Reply(status, problemJson, "application/problem+json");
        if (retryAfter is { } wait)
        {
            reply.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }

        return reply;
    }

    public static HttpResponseMessage File(byte[] bytes, string mediaType, string? fileName)
    {
        var reply = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
        reply.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (fileName is not null)
        {
            reply.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        }

        return reply;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        asked.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
        if ((!answers.TryGetValue($"{request.Method} {request.RequestUri.AbsolutePath}", out var queue)
                && !answers.TryGetValue(request.RequestUri.AbsolutePath, out queue)) || queue.IsEmpty)
        {
            return Task.FromResult(Problem(HttpStatusCode.NotFound, """{"title":"Not found.","status":404,"code":"not-found"}"""));
        }

        // The last answer stays: a status asked for again gets the same one.
        Func<HttpResponseMessage> answer;
        if (queue.Count > 1 && queue.TryDequeue(out var next))
        {
            answer = next;
        }
        else
        {
            queue.TryPeek(out answer!);
        }

        return Task.FromResult(answer());
    }
}
