using System.Diagnostics;
using System.Text.Json;
using PocTracker.TestSupport;

namespace PocTracker.Pocs.FunctionalTests;

/// <summary>
/// Under a sidecar the app reads its secrets from the Dapr secret store before anything else
/// (ServiceDefaults/Secrets); when it cannot, the real process says why in one log line and exits with 1.
/// </summary>
public sealed class SecretStoreStartTests
{
    [Fact]
    public async Task Under_a_sidecar_that_never_answers_the_app_writes_one_fatal_line_naming_the_secret_store_and_exits_with_1()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { AppProcess.BesideUs("PocTracker.Pocs.dll"), "--urls", $"http://127.0.0.1:{AppProcess.FreeLoopbackPort()}" })
        {
            start.ArgumentList.Add(argument);
        }

        // Ports nothing listens on: a sidecar configured but never up.
        start.Environment["DAPR_HTTP_PORT"] = AppProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DAPR_GRPC_PORT"] = AppProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Dapr__SidecarTimeout"] = "00:00:01";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await errors);
        var line = Assert.Single((await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        using var logged = JsonDocument.Parse(line);
        Assert.Equal("Fatal", logged.RootElement.GetProperty("@l").GetString());
        Assert.Equal("pocs", logged.RootElement.GetProperty("App").GetString());
        Assert.Equal(
            "Refusing to start: the Dapr sidecar did not answer within 1 s (Dapr:SidecarTimeout), so secret store 'secretstore' could not be read.",
            logged.RootElement.GetProperty("@m").GetString());
    }
}
