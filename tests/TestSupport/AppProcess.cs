using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PocTracker.TestSupport;

/// <summary>
/// An app's own host (its Program, e.g. <c>PocTracker.Dojo.dll</c>) as a child process on a loopback
/// port, configured through environment variables the way production configures it. <see cref="Kill"/>
/// is SIGKILL: no shutdown hooks, no flushing — what a crash looks like. Killed when disposed.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The process's resident memory now (benchmarks report it).</summary>
    public long WorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>CPU time the process has used so far, user and kernel (benchmarks report it per request: it grows far less with the machine's load than latencies do).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The app's dll beside the calling assembly (a project reference copies it there with its runtimeconfig).</summary>
    public static string BesideUs(string dllName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dllName);
        return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json"))
            ? path
            : throw new FileNotFoundException($"{dllName} and its runtimeconfig are not beside {AppContext.BaseDirectory}: reference the app's project.");
    }

    /// <summary>A free loopback port (to start an app, and later its restart, on the same address).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the app and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string dllPath, IReadOnlyDictionary<string, string?> settings, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = StartInfo(dllPath, settings, ["--urls", baseAddress.ToString().TrimEnd('/')]);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path.GetFileName(dllPath)}.");
        var app = new AppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => app.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs the app with <paramref name="arguments"/> until it exits by itself (one that refuses to start, or a command
    /// such as <c>migrate</c>), within <paramref name="timeout"/>, and returns its exit code and every line it wrote.
    /// </summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunToExitAsync(
        string dllPath, IReadOnlyDictionary<string, string?> settings, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var process = Process.Start(StartInfo(dllPath, settings, arguments)) ?? throw new InvalidOperationException($"Could not start {Path.GetFileName(dllPath)}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dllPath)} was still running after {timeout}:\n{await output}{await error}");
        }

        return (process.ExitCode, (await output + await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    public string LastLines()
    {
        lock (lastLines)
        {
            return string.Join('\n', lastLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // already gone, or not stopping: nothing more to do
        }

        process.Dispose();
    }

    /// <summary>The app's dll run by dotnet with <paramref name="arguments"/>, in Production with warnings and worse logged, plus <paramref name="settings"/>.</summary>
    private static ProcessStartInfo StartInfo(string dllPath, IReadOnlyDictionary<string, string?> settings, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > 60)
            {
                lastLines.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken); // its last output lines read too
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{LastLines()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // timed out: try again
            }

            // Polling a condition (the app answering) with a timeout, not waiting on time.
            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The app was not ready within 120 s:\n{LastLines()}");
    }
}
