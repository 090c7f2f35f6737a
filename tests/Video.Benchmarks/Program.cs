using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PocTracker.Video.Film;
using PocTracker.Video.Story;
using PocTracker.Video.UnitTests;

// ./bench.sh video [--pocs 10,100,365] [--vertical] [--culture en|pt-BR] [--preset veryfast] [--keep DIR]
// Renders and encodes one film per POC count for a generated user and prints, per film: its length,
// the script, render (frames drawn + piped + libx264) and encode (AAC + mux) times, their ratio to the
// film's length, this process's peak working set and the largest ffmpeg/espeak-ng child's peak RSS,
// and the CPU seconds spent by this process and by its children (the machine's load shows in their gap to wall time).
var counts = new[] { 10, 100, 365 };
var format = FilmFormat.Landscape;
var culture = "en";
string? keep = null;
var settings = new Dictionary<string, string?>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--pocs":
            counts = args[++i].Split(',').Select(value => int.Parse(value, CultureInfo.InvariantCulture)).ToArray();
            break;
        case "--vertical":
            format = FilmFormat.Vertical;
            break;
        case "--culture":
            culture = args[++i];
            break;
        case "--preset":
            settings["Video:Film:Preset"] = args[++i];
            break;
        case "--keep":
            keep = Path.GetFullPath(args[++i]);
            Directory.CreateDirectory(keep);
            break;
        default:
            Console.Error.WriteLine("usage: ./bench.sh video [--pocs 10,100,365] [--vertical] [--culture en|pt-BR] [--preset veryfast] [--keep DIR]");
            return 2;
    }
}

var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
var services = new ServiceCollection()
    .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
    .AddYearFilm(configuration)
    .BuildServiceProvider();
var maker = services.GetRequiredService<IYearFilmMaker>();

Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}   cores: {Environment.ProcessorCount}   format: {format}");
Console.WriteLine($"{"pocs",5} {"film s",7} {"script ms",10} {"render ms",10} {"encode ms",10} {"ratio",6} {"render ratio",13} {"peak MB",8} {"child MB",9} {"alloc MB",9} {"cpu s",6} {"child cpu s",12}");
foreach (var count in counts)
{
    var work = Directory.CreateTempSubdirectory("poctracker-film-bench-").FullName;
    try
    {
        var request = SampleYears.Request(count, culture, format);
        var allocated = GC.GetTotalAllocatedBytes();
        var cpu = CpuSeconds();
        var childCpu = ChildCpuSeconds();
        var watch = Stopwatch.StartNew();
        var script = await maker.WriteScriptAsync(request, CancellationToken.None);
        var scriptTime = watch.Elapsed;
        watch.Restart();
        var rendered = await maker.RenderAsync(request, script, work, new Progress<int>(), CancellationToken.None);
        var renderTime = watch.Elapsed;
        watch.Restart();
        var film = await maker.EncodeAsync(rendered, script, work, new Progress<int>(), CancellationToken.None);
        var encodeTime = watch.Elapsed;
        var seconds = film.Duration.TotalSeconds;
        var total = (scriptTime + renderTime + encodeTime).TotalSeconds;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(
            $"{count,5} {seconds,7:0.0} {scriptTime.TotalMilliseconds,10:0} {renderTime.TotalMilliseconds,10:0} {encodeTime.TotalMilliseconds,10:0} " +
            $"{total / seconds,6:0.00} {renderTime.TotalSeconds / seconds,13:0.00} {self.PeakWorkingSet64 / 1048576.0,8:0} {ChildPeakKilobytes() / 1024.0,9:0} " +
            $"{(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0,9:0} {CpuSeconds() - cpu,6:0.0} {ChildCpuSeconds() - childCpu,12:0.0}");
        if (keep is not null)
        {
            File.Copy(film.Path, Path.Combine(keep, $"film-{count}-{format.ToString().ToLowerInvariant()}-{culture}.mp4"), overwrite: true);
        }
    }
    finally
    {
        Directory.Delete(work, recursive: true);
    }
}

return 0;

static double CpuSeconds()
{
    using var self = Process.GetCurrentProcess();
    return self.TotalProcessorTime.TotalSeconds;
}

// User + system CPU of every finished child (ffmpeg, espeak-ng) so far.
static double ChildCpuSeconds()
{
    var usage = new long[18];
    return RUsage.getrusage(-1, usage) == 0 ? usage[0] + (usage[1] / 1e6) + usage[2] + (usage[3] / 1e6) : 0;
}

// The largest peak resident set of any finished child process (ffmpeg, espeak-ng) so far, in KiB.
static long ChildPeakKilobytes()
{
    var usage = new long[18];
    return RUsage.getrusage(-1, usage) == 0 ? usage[4] : 0;
}

internal static partial class RUsage
{
    /// <summary>getrusage(RUSAGE_CHILDREN): two timevals (4 longs), then ru_maxrss.</summary>
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int getrusage(int who, [Out] long[] usage);
}
