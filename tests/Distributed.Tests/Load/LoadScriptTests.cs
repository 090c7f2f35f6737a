using System.Text.Json;
using PocTracker.Distributed.Tests.Tools;
using PocTracker.Distributed.Tests.Topology;

namespace PocTracker.Distributed.Tests.Load;

/// <summary>
/// The k6 load tests (tests/load, run by .github/workflows/load.yml against a deployed environment) as far as they can
/// be checked without k6, which has no runnable npm package: every file is valid JavaScript (an ES module, as k6
/// reads it), and every script, imported by node (options.mjs), declares the thresholds.
/// </summary>
public sealed class LoadScriptTests
{
    private const string NodeNeeded = "the load scripts' checks need node (the Debian package nodejs; ./test.sh installs it as root)";

    private static readonly string LoadFolder = Path.Combine(Topologies.RepositoryRoot, "tests", "load");

    private static readonly string Here = Path.Combine(Topologies.ProjectDirectory, "Load");

    /// <summary>The scripts k6 runs: the folder's own .js files (lib/ holds what they share).</summary>
    private static string[] Scripts => [.. Directory.GetFiles(LoadFolder, "*.js").Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_file_of_the_load_tests_parses_as_an_es_module()
    {
        var files = Directory.GetFiles(LoadFolder, "*.js", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count >= 3, $"expected the scripts and their lib/ in {LoadFolder}");
        foreach (var file in files)
        {
            var (exitCode, _, error) = ExternalProcess.Run("node", ["--check", file], LoadFolder, NodeNeeded);
            Assert.True(exitCode == 0, $"{file}: {error}");
        }
    }

    [Fact]
    public void The_syntax_check_refuses_a_broken_module()
    {
        var folder = Directory.CreateTempSubdirectory("poctracker-k6-");
        try
        {
            File.Copy(Path.Combine(LoadFolder, "package.json"), Path.Combine(folder.FullName, "package.json"));
            var broken = Path.Combine(folder.FullName, "broken.js");
            File.WriteAllText(broken, "import http from 'k6/http';\nexport default function () { http.get('x' }\n");

            var (exitCode, _, error) = ExternalProcess.Run("node", ["--check", broken], folder.FullName, NodeNeeded);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("SyntaxError", error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_report_and_video_scripts_hold_the_thresholds_for_api_latency_and_errors()
    {
        var scripts = Scripts;
        Assert.Equal(["reports.js", "videos.js"], scripts.Select(Path.GetFileName));
        var (exitCode, output, error) = ExternalProcess.Run("node", [Path.Combine(Here, "options.mjs"), .. scripts], Here, NodeNeeded);
        Assert.True(exitCode == 0, $"node options.mjs exited {exitCode}: {error}");

        using var options = JsonDocument.Parse(output);
        foreach (var script in scripts)
        {
            var scriptOptions = options.RootElement.GetProperty(script);
            Assert.True(scriptOptions.ValueKind == JsonValueKind.Object && scriptOptions.TryGetProperty("thresholds", out _), $"{script} exports no options.thresholds");
            var thresholds = scriptOptions.GetProperty("thresholds");

            // p95 under 200 ms for API calls, the requests tagged kind "api" (not downloads or job waits)…
            Assert.True(thresholds.TryGetProperty("http_req_duration{kind:api}", out var latency), $"{script}: no http_req_duration{{kind:api}} threshold");
            Assert.Contains("p(95)<200", Conditions(latency));
            // …and under 0.5 % failed requests.
            Assert.True(thresholds.TryGetProperty("http_req_failed", out var failed), $"{script}: no http_req_failed threshold");
            Assert.Contains("rate<0.005", Conditions(failed));
        }
    }

    [Fact]
    public void Each_script_calls_its_apps_routes_with_requests_tagged_by_kind()
    {
        var reports = File.ReadAllText(Path.Combine(LoadFolder, "reports.js"));
        var videos = File.ReadAllText(Path.Combine(LoadFolder, "videos.js"));

        // The routes of docs/api.md the scripts load.
        foreach (var route in new[] { "/api/reports", "/pocs.csv", "/pocs.pdf?async=true", "/jobs" })
        {
            Assert.Contains(route, reports, StringComparison.Ordinal);
        }

        foreach (var route in new[] { "/api/videos", "/content" })
        {
            Assert.Contains(route, videos, StringComparison.Ordinal);
        }

        // Every API call is tagged "api" (what the latency threshold measures), long polls "wait".
        Assert.Contains("'api'", reports, StringComparison.Ordinal);
        Assert.Contains("'api'", videos, StringComparison.Ordinal);
        Assert.Contains("'wait'", File.ReadAllText(Path.Combine(LoadFolder, "lib", "jobs.js")), StringComparison.Ordinal);
    }

    /// <summary>A threshold's conditions, spaces removed: k6 takes a string or an object with a threshold each.</summary>
    private static List<string> Conditions(JsonElement threshold) => [.. threshold.EnumerateArray()
        .Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : c.GetProperty("threshold").GetString()!)
        .Select(c => c.Replace(" ", "", StringComparison.Ordinal))];
}
