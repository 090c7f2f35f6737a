using System.Net;

namespace PocTracker.Mobile.Core.Failures;

/// <summary>What a page shows for a refusal with a cap: "try again in N min".</summary>
public static class FailureWaits
{
    /// <summary>
    /// For a 429 (a cap on reports, videos, password attempts), the whole minutes to wait, rounded up and at least one
    /// (a Retry-After of 30 s reads "1 min", not "0 min"); null for any other failure or a 429 without Retry-After.
    /// </summary>
    public static int? MinutesToWait(this Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure is { Status: HttpStatusCode.TooManyRequests, RetryAfter: { } wait }
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))
            : null;
    }
}
