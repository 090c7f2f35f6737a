using System.Net;
using System.Net.Http.Headers;
using PocTracker.Contracts.Apps;

namespace PocTracker.Gateway.FunctionalTests;

/// <summary>
/// Bodies flow through the gateway as they come, both ways: an upload reaches the app before the client has
/// finished sending it, and a download reaches the client before the app has finished writing it. A gateway that
/// buffered either would never complete these exchanges (each side waits for the other's first part).
/// </summary>
public sealed class StreamingTests
{
    private const int PartBytes = 64 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_upload_is_streamed_to_the_app(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);
        var firstPartArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        topology.Receiver(AppIds.Pocs).Behaviours["import"] = async context =>
        {
            var buffer = new byte[PartBytes];
            await context.Request.Body.ReadExactlyAsync(buffer, context.RequestAborted);
            firstPartArrived.SetResult();
            var rest = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                rest += read;
            }

            await context.Response.WriteAsync($"{PartBytes + rest}", context.RequestAborted);
        };

        using var content = new TwoPartContent(async stream =>
        {
            await stream.WriteAsync(new byte[PartBytes]);
            await stream.FlushAsync();
            await firstPartArrived.Task.WaitAsync(Patience);
            await stream.WriteAsync(new byte[PartBytes]);
        });
        using var response = await topology.Client.PostAsync("/api/pocs/import", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{2 * PartBytes}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_download_is_streamed_to_the_client(bool sidecar)
    {
        await using var topology = await Topology.StartAsync(sidecar);
        var firstPartReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        topology.Receiver(AppIds.Reports).Behaviours["pocs.csv"] = async context =>
        {
            context.Response.ContentType = "text/csv";
            await context.Response.Body.WriteAsync(new byte[PartBytes], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await firstPartReceived.Task.WaitAsync(Patience, context.RequestAborted);
            await context.Response.Body.WriteAsync(new byte[PartBytes], context.RequestAborted);
        };

        using var response = await topology.Client.GetAsync("/api/reports/pocs.csv", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var buffer = new byte[PartBytes];
        await body.ReadExactlyAsync(buffer, TestContext.Current.CancellationToken);
        firstPartReceived.SetResult();
        var rest = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            rest += read;
        }

        Assert.Equal(PartBytes, rest);
    }

    /// <summary>A request body of unknown length (chunked), written by the test as it goes.</summary>
    private sealed class TwoPartContent(Func<Stream, Task> write) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
