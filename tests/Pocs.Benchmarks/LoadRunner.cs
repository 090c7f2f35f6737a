using System.Diagnostics;

namespace PocTracker.Pocs.Benchmarks;

/// <summary>Latency percentiles (ms) and throughput of one measured run.</summary>
internal sealed record Measurement(int Requests, int Errors, double P50, double P95, double P99, double RequestsPerSecond, string? FirstError);

/// <summary>
/// Runs an operation from a fixed number of concurrent workers, each starting its next request as
/// soon as the previous one ends (a closed loop): a warm-up that is not recorded, then a measured
/// period of fixed length. Request <c>i</c> (a shared counter) picks its parameters, so values vary.
/// </summary>
internal static class LoadRunner
{
    public static async Task<Measurement> RunAsync(
        Func<int, CancellationToken, Task> operation, int concurrency, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var counter = -1;
        await PhaseAsync(warmup);
        var (latencies, errors, firstError, elapsed) = await PhaseAsync(duration);

        latencies.Sort();
        return new Measurement(
            latencies.Count, errors, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            latencies.Count / elapsed.TotalSeconds, firstError);

        async Task<(List<double> Latencies, int Errors, string? FirstError, TimeSpan Elapsed)> PhaseAsync(TimeSpan length)
        {
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(length.TotalSeconds * Stopwatch.Frequency);
            var errors = 0;
            string? firstError = null;
            var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                var latencies = new List<double>(4096);
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var index = Interlocked.Increment(ref counter);
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        await operation(index, cancellationToken);
                        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, exception.Message, null);
                    }
                }

                return latencies;
            }, cancellationToken)));
            return ([.. perWorker.SelectMany(l => l)], errors, firstError, Stopwatch.GetElapsedTime(started));
        }
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
