using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace PocTracker.Standalone.FunctionalTests.Fuzz;

/// <summary>What came back for one request, and the rule it broke (null when none).</summary>
internal sealed record FuzzOutcome(FuzzRequest Request, int Status, string? MediaType, string Body, string? Violation)
{
    public string Route => $"{Request.Method} {Request.Target.Template}";
}

/// <summary>Sends the generated cases to the host, a few at a time, and judges every answer.</summary>
internal sealed class FuzzRun(DemoHost host, FuzzSettings settings)
{
    /// <summary>The most of a body kept for judging and printing; problems and error pages are far smaller.</summary>
    private const int MaxBodyChars = 64 * 1024;

    /// <summary>Kestrel's MaxRequestBodySize (its default): a body left unread beyond it is not drained.</summary>
    private const int MaxDrainedBodyBytes = 30_000_000;

    public async Task<IReadOnlyList<FuzzOutcome>> RunAsync()
    {
        var generator = new RequestGenerator(host.Knowns, settings.Seed);
        var targets = host.Targets;
        var total = targets.Count * settings.CasesPerRoute;
        var outcomes = new ConcurrentBag<FuzzOutcome>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

        await Task.WhenAll(Enumerable.Range(0, settings.Parallelism).Select(async _ =>
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (settings.Duration is { } duration ? clock.Elapsed > duration : index >= total)
                {
                    return;
                }

                outcomes.Add(await SendAsync(http, generator.Generate(targets[index % targets.Count], index)));
            }
        }));
        return [.. outcomes.OrderBy(outcome => outcome.Request.Case)];
    }

    private static async Task<FuzzOutcome> SendAsync(HttpClient http, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.TryGetValues("Content-Type", out var values) ? values.First() : null;
            var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();

            // Only error answers are judged by their body; a successful one (an export, a PDF) is not read.
            var body = status >= 400 ? await ReadAsync(response) : "";
            var refusedByKestrel = request.KestrelRefuses && response.Headers.ConnectionClose == true && mediaType is null && body.Length == 0
                && status is 400 or 414 or 431;
            return new FuzzOutcome(request, status, mediaType, body,
                refusedByKestrel ? null : ResponseExpectation.Violation(request.Target.Kind, status, mediaType, body));
        }
        catch (HttpRequestException exception) when (exception.InnerException is IOException or SocketException || exception.HttpRequestError != HttpRequestError.Unknown)
        {
            // Kestrel answers a request it refuses (a NUL in the path, a body over its 30 MB) or one the app answered
            // without reading a body too large to drain, and closes the connection: a client still sending that body
            // breaks its pipe before it can read the answer. Nothing else may go unanswered.
            var refusedWhileSending = (request.KestrelRefuses || request.Body?.Length > MaxDrainedBodyBytes)
                && exception.Message.Contains("copying content to a stream", StringComparison.Ordinal);
            return new FuzzOutcome(request, 0, null, "",
                refusedWhileSending ? null : $"no answer: {exception.Message} {exception.InnerException?.Message}".Trim());
        }
        catch (TaskCanceledException)
        {
            return new FuzzOutcome(request, 0, null, "", "no answer within 60 s");
        }
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer);
        return new string(buffer, 0, read);
    }
}
