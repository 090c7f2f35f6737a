using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PocTracker.TestSupport;

/// <summary>
/// Stands in for another app that has hung: it takes connections and reads each request, then never answers
/// (or, with <see cref="StreamThenStall"/>, starts an NDJSON answer with one line and sends nothing more).
/// Point <c>Invocation:{appId}:BaseAddress</c> at <see cref="Address"/>; <see cref="Requests"/> counts what arrived.
/// </summary>
public sealed class SilentApp : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> held = [];
    private readonly Task accepting;
    private int requests;

    public SilentApp(string? streamThenStall = null)
    {
        StreamThenStall = streamThenStall;
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>When set, the one line sent before the answer stalls; otherwise not even headers are sent.</summary>
    public string? StreamThenStall { get; }

    /// <summary>How many requests arrived so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        lock (held)
        {
            held.ForEach(client => client.Dispose());
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                lock (held)
                {
                    held.Add(client);
                }

                _ = HoldAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    private async Task HoldAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var seen = new StringBuilder();
            var buffer = new byte[4096];
            while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, stopping.Token);
                if (read == 0)
                {
                    return;
                }

                seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }

            Interlocked.Increment(ref requests);
            if (StreamThenStall is { } line)
            {
                var chunk = Encoding.UTF8.GetBytes(line + "\n");
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n{chunk.Length:x}\r\n";
                await stream.WriteAsync(Encoding.Latin1.GetBytes(head), stopping.Token);
                await stream.WriteAsync(chunk, stopping.Token);
                await stream.WriteAsync("\r\n"u8.ToArray(), stopping.Token);
                await stream.FlushAsync(stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // stopped, or the caller gave up
        }
    }
}
