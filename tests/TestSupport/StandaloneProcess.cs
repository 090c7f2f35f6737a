using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace PocTracker.TestSupport;

/// <summary>
/// The Standalone host as a real child process (<c>dotnet PocTracker.Standalone.dll --urls ...</c>)
/// with a data folder of its own, its standard output captured, stopped with SIGTERM like Ctrl+C.
/// The test project references apps/Standalone (without its assembly) so the dll is built first.
/// </summary>
public sealed partial class StandaloneProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim outputArrived = new(0);

    private StandaloneProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static StandaloneProcess Start(string dataDirectory, params string[] extraArguments) =>
        Start(dataDirectory, new Dictionary<string, string>(), extraArguments);

    /// <summary>Starts it with <paramref name="environment"/> added to its environment (settings that must not show on a command line, such as connection strings).</summary>
    public static StandaloneProcess Start(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(StandaloneDll());
        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Standalone__DataDirectory"] = dataDirectory;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var standalone = new StandaloneProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => standalone.Append(e.Data);
        process.ErrorDataReceived += (_, e) => standalone.Append(e.Data);
        process.Exited += (_, _) => standalone.listening.TrySetException(new InvalidOperationException("Standalone exited:\n" + standalone.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return standalone;
    }

    /// <summary>Completes when Kestrel reports it is listening (after migrations and seeding, which run first).</summary>
    public async Task WaitUntilListeningAsync()
    {
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            // What the host was doing when it stalled is the only clue a failed CI run leaves.
            throw new TimeoutException($"Standalone did not listen within 90 s. The end of its output:\n{OutputTail(40)}", e);
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of the output, each cut to 500 characters.</summary>
    public string OutputTail(int lines) =>
        string.Join('\n', Output.Split('\n').TakeLast(lines).Select(line => line.Length > 500 ? line[..500] + "…" : line));

    /// <summary>Waits until the output has a line matching <paramref name="pattern"/> and returns its first group.</summary>
    public async Task<string> WaitForOutputAsync(System.Text.RegularExpressions.Regex pattern)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (pattern.Match(Output) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"No output matching {pattern} (exited: {process.HasExited}):\n{Output}");
            }

            await outputArrived.WaitAsync(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Sends SIGTERM (what Ctrl+C and Kubernetes send) and waits for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!process.HasExited)
        {
            _ = Kill(process.Id, 15);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await StopAsync();
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        outputArrived.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        outputArrived.Release();

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    /// <summary>A folder the postgres user can enter (temp folders are private by default).</summary>
    public static string CreateDataDirectory()
    {
        var folder = Directory.CreateTempSubdirectory("poctracker-standalone-");
        folder.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        return folder.FullName;
    }

    public static void DeleteDataDirectory(string dataDirectory)
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL may still be closing files; /tmp is cleaned by the OS
        }
        catch (UnauthorizedAccessException)
        {
            // the cluster folder belongs to the postgres user when tests run as root
        }
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PocTracker.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("PocTracker.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Names another build of Standalone to run (a published one: ./bench.sh web measures what production serves).</summary>
    public const string DllVariable = "POCTRACKER_STANDALONE_DLL";

    private static string StandaloneDll()
    {
        if (Environment.GetEnvironmentVariable(DllVariable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"{DllVariable} names no file.", given);
        }

        // tests/<Project>/bin/<Configuration>/net10.0/ → apps/Standalone/bin/<Configuration>/net10.0/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot(), "apps", "Standalone", "bin", configuration, testOutput.Name, "PocTracker.Standalone.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build apps/Standalone first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
