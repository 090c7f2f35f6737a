using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace PocTracker.Dojo.Benchmarks;

/// <summary>ot.js's figures for one trace: tests/ot-js/replay.js run under node.</summary>
internal sealed record OtJsResult(string Node, PhaseResult Apply, PhaseResult Server);

/// <summary>Runs tests/ot-js/replay.js (ot.js installed there by tests/ot-js/install.sh).</summary>
internal static class OtJsReplay
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Directory { get; } = typeof(OtJsReplay).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OtJsDirectory").Value!;

    public static OtJsResult Run(string tracePath, int latency, int runs)
    {
        if (!File.Exists(Path.Combine(Directory, "node_modules", "ot", "package.json")))
        {
            throw new InvalidOperationException($"ot.js is not installed in {Directory}: run tests/ot-js/install.sh (bench-dojo.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("replay.js");
        start.ArgumentList.Add(Path.GetFullPath(tracePath));
        start.ArgumentList.Add(latency.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(runs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node replay.js exited {process.ExitCode}: {error.GetAwaiter().GetResult()}");
        }

        var result = JsonSerializer.Deserialize<Output>(output, Json)!;
        return new OtJsResult(
            result.Node,
            new PhaseResult(result.Apply.Ms, result.Apply.Operations),
            new PhaseResult(result.Server.Ms, result.Server.Operations, result.Server.Revisions, result.Server.ServerTransforms, result.Server.ClientTransforms, result.Server.ClientComposes, result.Server.ServerMs));
    }

    private sealed record Output(string Node, Phase Apply, Phase Server);

    private sealed record Phase(double Ms, int Operations, int Revisions, int ServerTransforms, int ClientTransforms, int ClientComposes, double ServerMs);
}
