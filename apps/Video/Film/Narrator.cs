using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace PocTracker.Video.Film;

/// <summary>
/// Speaks captions with espeak-ng (<c>espeak-ng -v pt-br|en -s WPM -w file.wav --stdin</c>), one WAV per
/// scene in a private folder inside the work directory that is removed whatever happens. The text goes
/// through standard input, never the command line, so a POC name cannot be taken for an option.
/// </summary>
internal sealed class Narrator(IOptions<FilmOptions> options, ILogger<Narrator> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Lazy<string?> _executable = new(() => Find(options.Value.EspeakPath));

    /// <summary>Whether a voice is available (espeak-ng found and narration enabled).</summary>
    public bool CanSpeak => options.Value.Narrate && _executable.Value is not null;

    /// <summary>Each caption spoken at <paramref name="wordsPerMinute"/>, or null when there is no voice or it failed.</summary>
    public async Task<IReadOnlyList<WaveAudio>?> SpeakAsync(IReadOnlyList<string> captions, string voice, int wordsPerMinute, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(captions);
        if (!CanSpeak)
        {
            return null;
        }

        var folder = Path.Combine(workDirectory, $".narration-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var clips = new WaveAudio[captions.Count];
            // Two at a time: espeak-ng is single-threaded and the machine has few cores.
            await Parallel.ForEachAsync(
                Enumerable.Range(0, captions.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var file = Path.Combine(folder, $"{i}.wav");
                    await SpeakOneAsync(captions[i], voice, wordsPerMinute, file, token);
                    clips[i] = WaveAudio.Read(file);
                });
            return clips;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is IOException or InvalidDataException or InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            logger.LogWarning(exception, "espeak-ng could not speak the script; the film gets a silent track");
            return null;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task SpeakOneAsync(string text, string voice, int wordsPerMinute, string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_executable.Value!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", file, "--stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("espeak-ng did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteAsync(text.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(output, error);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"espeak-ng exited with {process.ExitCode}: {(await error).Trim()}");
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("espeak-ng took too long.");
            }

            throw;
        }
    }

    private static string? Find(string executable)
    {
        if (Path.IsPathRooted(executable))
        {
            return File.Exists(executable) ? executable : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, executable))
            .FirstOrDefault(File.Exists);
    }
}
