using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PocTracker.ServiceDefaults.Database;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>
/// An app's own host as a child process (settings containing <c>{baseAddress}</c> get the address it listens on).
/// Here: the pocs app (apps/Pocs, its own Program: AddServiceDefaults, AddPocs, UseServiceDefaults,
/// MapDefaultEndpoints, MapPocsApi) as a child process on a loopback port, configured the way
/// production configures it: connection strings and a JSON Web Key Set from the environment,
/// warnings-only logs. Killed (with anything it started) when disposed.
/// </summary>
/// <remarks>
/// Not Standalone: Standalone also hosts the identity app and makes every module trust only that
/// same-host issuer (discovery), so tokens minted here would be refused. The pocs app's own host is
/// the same request pipeline and how the pocs service is deployed.
/// </remarks>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static Task<HostProcess> StartAsync(string dllPath, AppDatabaseConnections connections, string jwks, CancellationToken cancellationToken) =>
        StartAsync(dllPath, new Dictionary<string, string?>
        {
            ["ConnectionStrings__pocs"] = connections.App,
            ["ConnectionStrings__pocs-relay"] = connections.Relay,
            ["ConnectionStrings__pocs-migrations"] = connections.Migrations,
            ["Database__MigrateOnStartup"] = "false",
            ["Auth__Issuer"] = BenchmarkTokens.Issuer,
            ["Auth__Audiences__0"] = BenchmarkTokens.Audience,
            ["Auth__SigningKeys"] = jwks,
        }, cancellationToken);

    /// <summary>Any app host (an app's own Program) with the given settings; the identity benchmark starts the identity app so.</summary>
    public static async Task<HostProcess> StartAsync(string dllPath, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dllPath, "--urls", baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            environment[key] = value?.Replace("{baseAddress}", baseAddress.ToString(), StringComparison.Ordinal);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path.GetFileName(dllPath)}.");
        var host = new HostProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await host.WaitUntilReadyAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
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
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not stopping: nothing more we can do here.
        }

        process.Dispose();
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
            if (lastLines.Count > 40)
            {
                lastLines.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
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
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out: try again.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The app was not ready within 90 s:\n{LastLines()}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
