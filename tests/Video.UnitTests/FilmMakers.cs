using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PocTracker.Video.Film;

namespace PocTracker.Video.UnitTests;

/// <summary>The film maker as the app registers it, and small ffmpeg helpers to look inside a film.</summary>
internal static class FilmMakers
{
    public static ServiceProvider Services(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddYearFilm(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>One frame at <paramref name="at"/>, as 8-bit grey pixels at a quarter of the size.</summary>
    public static async Task<byte[]> GreyFrameAsync(string film, TimeSpan at, int width, int height)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-v", "error", "-ss", at.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), "-i", film,
            "-frames:v", "1", "-vf", $"scale={width / 4}:{height / 4}", "-f", "rawvideo", "-pix_fmt", "gray", "-",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var pixels = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(pixels);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal(width / 4 * (height / 4), pixels.Length);
        return pixels.ToArray();
    }

    public static double Variance(byte[] pixels)
    {
        var mean = pixels.Average(pixel => (double)pixel);
        return pixels.Average(pixel => (pixel - mean) * (pixel - mean));
    }

    public static double MeanDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    public static string WorkDirectory() => Directory.CreateTempSubdirectory("poctracker-film-test-").FullName;
}
