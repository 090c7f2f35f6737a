using System.Net;
using System.Text;

namespace PocTracker.Sdk.UnitTests;

/// <summary>Answers every request with what the test scripted, and keeps the requests (and their bodies) it got.</summary>
internal sealed class ScriptedServer(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public static readonly Uri Address = new("http://pocs.test/");

    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string> Bodies { get; } = [];

    public HttpClient Client() => new(this) { BaseAddress = Address };

    public static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        return answer(request);
    }
}
