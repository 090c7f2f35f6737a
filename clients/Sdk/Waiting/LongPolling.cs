namespace PocTracker.Sdk.Waiting;

/// <summary>
/// Waiting for a job of the server's (a report, a video) through its status route's long polling (<c>?wait=N</c>,
/// 0–30 seconds: the server answers as soon as the job ends, or after N seconds with the status then). One
/// request at a time, each as long as the server allows and the time left: no busy polling, no fixed sleeps.
/// </summary>
internal static class LongPolling
{
    /// <summary>The longest wait the status routes take.</summary>
    public const int MaxWaitSeconds = 30;

    /// <summary>
    /// Asks <paramref name="status"/> (with the seconds to wait) until <paramref name="ended"/> holds, and returns that
    /// status; throws <see cref="TimeoutException"/> with the last status seen when <paramref name="timeout"/> passes first.
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        Func<int, CancellationToken, Task<T>> status, Func<T, bool> ended, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var current = await status(0, cancellationToken).ConfigureAwait(false);
        while (!ended(current))
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Still not done after {timeout.TotalSeconds:0} s: {current}");
            }

            current = await status((int)Math.Clamp(Math.Ceiling(left.TotalSeconds), 1, MaxWaitSeconds), cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    /// <summary>
    /// Every status of a job until it ends, for a progress display: asks <paramref name="status"/> at once, then with
    /// <paramref name="refreshSeconds"/> to wait each time (the server answers at once when the job ends, so the end
    /// is never late; a job still going is reported again after that many seconds). The last status yielded is the
    /// ended one. No deadline: the caller cancels (a page that is left).
    /// </summary>
    public static async IAsyncEnumerable<T> FollowAsync<T>(
        Func<int, CancellationToken, Task<T>> status, Func<T, bool> ended, int refreshSeconds,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(refreshSeconds, MaxWaitSeconds);
        var current = await status(0, cancellationToken).ConfigureAwait(false);
        yield return current;
        while (!ended(current))
        {
            current = await status(refreshSeconds, cancellationToken).ConfigureAwait(false);
            yield return current;
        }
    }
}
