using System.Diagnostics;
using System.Globalization;

namespace PocTracker.Dojo.Benchmarks.Rooms;

/// <summary>
/// CPU time used so far by the load generator (this process), the dojo app (its own process), PostgreSQL
/// (the postmaster and its backends, from <c>/proc</c>) and the whole machine (<c>/proc/stat</c>: busy time of
/// every core, other people's processes included). Two samples give each one's share of the machine over a
/// run: CPU seconds ÷ (wall seconds × cores).
/// </summary>
internal readonly record struct CpuSample(long At, TimeSpan Generator, TimeSpan Server, TimeSpan Postgres, TimeSpan MachineBusy)
{
    /// <summary>USER_HZ, the unit of /proc's tick counts: 100 on every Linux build .NET runs on (part of the kernel's ABI).</summary>
    private const double ClockTicksPerSecond = 100;

    public static CpuSample Take(Func<TimeSpan> server, int? postmasterPid) => new(
        Stopwatch.GetTimestamp(),
        Process.GetCurrentProcess().TotalProcessorTime,
        server(),
        postmasterPid is { } pid ? ProcessTreeTime(pid) : TimeSpan.Zero,
        MachineBusyTime());

    /// <summary>Each one's share of the machine's capacity (cores × wall time) between two samples, in per cent.</summary>
    public static Shares Between(CpuSample from, CpuSample to)
    {
        var capacity = (to.At - from.At) / (double)Stopwatch.Frequency * Environment.ProcessorCount;
        double Percent(TimeSpan start, TimeSpan end) => capacity <= 0 ? double.NaN : (end - start).TotalSeconds / capacity * 100;
        return new Shares(Percent(from.Generator, to.Generator), Percent(from.Server, to.Server), Percent(from.Postgres, to.Postgres), Percent(from.MachineBusy, to.MachineBusy));
    }

    /// <summary>The postmaster's pid: the first line of <c>postmaster.pid</c> in its data directory.</summary>
    public static int? PostmasterPid(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>
    /// A process and its children (PostgreSQL's backends): user + system time from <c>/proc/PID/stat</c>.
    /// A backend that exits between two samples takes its time with it; the app's pooled connections live
    /// through a run, so that loses little.
    /// </summary>
    private static TimeSpan ProcessTreeTime(int rootPid)
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // Fields after the command (which may hold spaces) start after its closing parenthesis:
                // state(3) ppid(4) ... utime(14) stime(15).
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == rootPid || parent == rootPid)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }

        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    /// <summary>All cores' time not idle and not waiting for I/O, from the first line of <c>/proc/stat</c>.</summary>
    private static TimeSpan MachineBusyTime()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        var busy = fields.Take(8).Sum() - fields[3] - fields[4];
        return TimeSpan.FromSeconds(busy / ClockTicksPerSecond);
    }

    public readonly record struct Shares(double Generator, double Server, double Postgres, double Machine)
    {
        /// <summary>What the rest of the machine (other people's processes) used.</summary>
        public double Others => Math.Max(0, Machine - Generator - Server - Postgres);
    }
}
