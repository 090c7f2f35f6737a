using System.Globalization;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>The command line.</summary>
internal sealed record BenchmarkOptions(
    int Pocs, int Tenants, int Concurrency, TimeSpan Warmup, TimeSpan Duration, int CopyStreams, string? OutPath, string? HostDll, bool Explain,
    bool Leakproof, bool Cluster, IReadOnlyList<string> Settings, bool Hold, TimeSpan Settle)
{
    public const string Usage = """
        Usage: PocTracker.Pocs.Benchmarks [options]
          --pocs N          POCs to seed (default 1000000; the big tenant gets a tenth)
          --tenants N       tenants (default 1000)
          --concurrency N   concurrent clients (default 16)
          --warmup S        unrecorded seconds before each measured run (default 2)
          --settle S        unrecorded seconds of every kind, mixed, over HTTP and as SQL before the first measured run,
                            so the JIT has compiled the hot paths as in a server that has been running (default 10)
          --duration S      measured seconds per query kind, tenant and path (default 10)
          --copy-streams N  parallel COPY streams while seeding (default 2)
          --out PATH        also write the Markdown report to PATH
          --host-dll PATH   the pocs app to run (default: PocTracker.Pocs.dll next to this one, else apps/Pocs/bin)
          --explain         print EXPLAIN (ANALYZE, BUFFERS) of each kind for the big tenant (to stderr)
          --leakproof       an experiment from before migration 0002: mark the search operators' functions (LIKE, &&,
                            @>, @@) LEAKPROOF in the benchmark database (their GIN indexes are gone since 0002)
          --cluster         an experiment: CLUSTER pocs USING pocs_tenant_created after seeding (each tenant's rows
                            together on disk, as partitioning by tenant would keep them)
          --hold            seed, then keep PostgreSQL running for inspection (prints a psql command) until Ctrl+C
          --set NAME=VALUE  an experiment: ALTER DATABASE pocs SET NAME = VALUE before the host starts (repeatable)
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions(1_000_000, 1_000, 16, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 2, null, null, false, false, false, [], false, TimeSpan.FromSeconds(10));
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");

            options = args[i] switch
            {
                "--pocs" => options with { Pocs = Number() },
                "--tenants" => options with { Tenants = Number() },
                "--concurrency" => options with { Concurrency = Number() },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number()) },
                "--settle" => options with { Settle = TimeSpan.FromSeconds(Number()) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                "--copy-streams" => options with { CopyStreams = Number() },
                "--out" => options with { OutPath = Path.GetFullPath(Value()) },
                "--host-dll" => options with { HostDll = Path.GetFullPath(Value()) },
                "--explain" => options with { Explain = true },
                "--leakproof" => options with { Leakproof = true },
                "--cluster" => options with { Cluster = true },
                "--hold" => options with { Hold = true },
                "--set" => options with { Settings = [.. options.Settings, Setting(Value())] },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options.Pocs < options.Tenants * 2
            ? throw new ArgumentException($"--pocs must be at least twice --tenants ({options.Tenants}).")
            : options;
    }

    private static string Setting(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^[a-z_.]+=[A-Za-z0-9_.]+$")
            ? text
            : throw new ArgumentException($"--set takes name=value (letters, digits, _ and .), not '{text}'.");
}
