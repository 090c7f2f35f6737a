using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace PocTracker.ServiceDefaults.Problems;

/// <summary>
/// SignalR answers an HTTP request its transports cannot take (no connection id, an unknown one, a method
/// the endpoint has not) with a plain-text line of its own: "Connection ID required". On hub endpoints
/// that answer becomes a problem, its text the <c>detail</c>. The hub's own replies (negotiation,
/// long polling, server-sent events, WebSockets) are untouched: only a 4xx/5xx in plain text is taken.
/// </summary>
internal static class HubTransportProblems
{
    /// <summary>SignalR's refusals are one short line; a longer text is cut here.</summary>
    private const int MaxDetailBytes = 1024;

    public static IApplicationBuilder UseHubTransportProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is null)
            {
                await next(context);
                return;
            }

            var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            var capture = new RefusalCapture(context.Response, original.Stream);
            var body = new StreamResponseBodyFeature(capture, original);
            context.Features.Set<IHttpResponseBodyFeature>(body);
            try
            {
                await next(context);
                if (capture.PassesThrough)
                {
                    await body.CompleteAsync(); // whatever the hub wrote and did not flush
                }
            }
            finally
            {
                context.Features.Set(original);
            }

            // A refusal with a text, or SignalR's bodiless one (its 405 says text/plain with no text; a bodiless
            // answer without that, such as authorization's 401, is the status code pages' to answer).
            if (capture.Refusal is not null || (IsPlainText(context.Response) && context.Response.StatusCode >= StatusCodes.Status400BadRequest && !context.Response.HasStarted))
            {
                var status = context.Response.StatusCode;
                var detail = capture.Text;
                context.Response.Clear();
                await ProblemResponse.WriteAsync(context, status, "The realtime connection was refused.", detail.Length > 0 ? detail : null);
            }
        });

    private static bool IsPlainText(HttpResponse response) =>
        response.ContentType is { } type && type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Passes the body through, unless the first write (or flush) finds a plain-text refusal: then keeps
    /// its text instead of sending it.
    /// </summary>
    private sealed class RefusalCapture(HttpResponse response, Stream inner) : Stream
    {
        private bool decided;

        public MemoryStream? Refusal { get; private set; }

        /// <summary>Something was written or flushed, and it was not a refusal.</summary>
        public bool PassesThrough => decided && Refusal is null;

        public string Text => Refusal is null ? "" : System.Text.Encoding.UTF8.GetString(Refusal.GetBuffer(), 0, (int)Refusal.Length).Trim();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            if (!Capturing())
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            Capturing() ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Capturing())
            {
                Keep(buffer);
            }
            else
            {
                inner.Write(buffer);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!Capturing())
            {
                return inner.WriteAsync(buffer, cancellationToken);
            }

            Keep(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        /// <summary>Decided once, when the response starts: status and content type are set by then.</summary>
        private bool Capturing()
        {
            if (!decided)
            {
                decided = true;
                // SignalR's text comes as text/plain, or (refusing a WebSocket request) with no content type at all.
                Refusal = response.StatusCode >= StatusCodes.Status400BadRequest && (response.ContentType is null || IsPlainText(response))
                    ? new MemoryStream()
                    : null;
            }

            return Refusal is not null;
        }

        private void Keep(ReadOnlySpan<byte> bytes) =>
            Refusal!.Write(bytes[..Math.Min(bytes.Length, MaxDetailBytes - (int)Refusal.Length)]);
    }
}
