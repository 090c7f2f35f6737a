using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Dojo.Hub;

/// <summary>
/// The HTTP side of the hub (<c>/hubs/dojo/negotiate</c> and the WebSocket upgrade at <c>/hubs/dojo</c>)
/// answers like every other endpoint. SignalR's connection dispatcher writes its own refusals as plain
/// text (404 "No Connection with that ID" or "LongPolling transport not supported", 400 "Connection ID
/// required", 405 for a method it does not take); wrapped around the hub's endpoints, this turns each
/// into an RFC 9457 problem with the dispatcher's sentence as its detail, and refuses a request body
/// larger than <see cref="MaxRequestBodyBytes"/> with 413 before anything reads it.
/// </summary>
/// <remarks>
/// Only what SignalR answers over HTTP. Negotiate keeps SignalR's own answer, a 200 whose JSON carries
/// <c>error</c> (an unsupported protocol version): that is the negotiate protocol, which every SignalR
/// client reads. Once a WebSocket is open, errors are hub messages (docs/problems.md, "Dojo hub error codes").
/// </remarks>
internal static class HubHttpAnswers
{
    /// <summary>
    /// No request to the hub carries a body worth the name: negotiate's is empty, and messages travel in
    /// WebSocket frames (the only transport the hub offers), capped by the hub's own message limit.
    /// </summary>
    public const long MaxRequestBodyBytes = 4 * 1024;

    /// <summary>Wraps every endpoint of <paramref name="builder"/> (the hub's negotiate and connection endpoints).</summary>
    public static TBuilder WithProblemAnswers<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var dispatch = endpoint.RequestDelegate ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no request delegate.");
            endpoint.RequestDelegate = context => AnswerAsync(context, dispatch);
        });
        return builder;
    }

    private static async Task AnswerAsync(HttpContext context, RequestDelegate dispatch)
    {
        if (context.Request.ContentLength > MaxRequestBodyBytes)
        {
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The dojo hub takes request bodies of at most {MaxRequestBodyBytes} bytes; hub messages travel over its WebSocket.");
            return;
        }

        // A body without a length (chunked) stops at the same size if anything reads it.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBodyBytes;
        }

        // Hold back what SignalR writes once it has set an error status (a refusal is a sentence or
        // nothing); anything else — a negotiate answer, a WebSocket accepted — goes through as written.
        var body = context.Response.Body;
        using var refusal = new RefusalHoldingStream(body, context.Response);
        context.Response.Body = refusal;
        try
        {
            await dispatch(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        if (context.Response.StatusCode >= StatusCodes.Status400BadRequest && !context.Response.HasStarted)
        {
            var said = refusal.Held.Trim();
            await WriteProblemAsync(context, context.Response.StatusCode, said.Length > 0 ? said : null);
        }
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string? detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        // A client asking for an event stream (a transport the hub does not offer) accepts no JSON,
        // and the problem writer honours Accept; the refusal is a problem all the same.
        context.Request.Headers.Accept = "application/problem+json";
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Type = ProblemTypes.ForStatus(status),
                Title = status switch
                {
                    StatusCodes.Status400BadRequest => "The request is not one the dojo hub understands.",
                    StatusCodes.Status404NotFound => "Not found.",
                    StatusCodes.Status405MethodNotAllowed => "The dojo hub does not take this method.",
                    StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                    _ => "The dojo hub refused the request.",
                },
                Detail = detail ?? "The dojo hub connects over WebSockets: POST /hubs/dojo/negotiate, then a WebSocket to /hubs/dojo?id=<connectionToken>.",
            },
        });
    }

    /// <summary>
    /// Passes writes and flushes through until a write or flush comes with an error status not yet
    /// sent; from then on keeps what is written (a few words of SignalR's) for the problem that replaces it.
    /// </summary>
    private sealed class RefusalHoldingStream(Stream inner, HttpResponse response) : Stream
    {
        private readonly MemoryStream held = new();
        private bool? holding;

        public string Held => System.Text.Encoding.UTF8.GetString(held.GetBuffer(), 0, (int)held.Length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        private bool Holding => holding ??= response.StatusCode >= StatusCodes.Status400BadRequest && !response.HasStarted;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Holding)
            {
                held.Write(buffer);
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
            if (Holding)
            {
                held.Write(buffer.Span);
                return ValueTask.CompletedTask;
            }

            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
            if (!Holding)
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Holding ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                held.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
