using System.Net;

namespace PocTracker.Sdk.Problems;

/// <summary>
/// A PocTracker app answered with an error status. <see cref="Problem"/> is its RFC 9457 document (null when the
/// answer held none, e.g. a proxy's HTML page); <see cref="Status"/> is always the status it answered with.
/// When no answer came at all (unreachable, timed out, cut off mid-stream) the SDK throws <see cref="HttpRequestException"/> instead.
/// </summary>
public sealed class PocTrackerProblemException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    public PocTrackerProblemException()
    {
    }

    public PocTrackerProblemException(string message)
        : base(message)
    {
    }

    public PocTrackerProblemException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public PocTrackerProblemException(HttpStatusCode status, PocTrackerProblem? problem)
        : this(status, problem, retryAfter: null)
    {
    }

    /// <param name="status">The status the server answered with.</param>
    /// <param name="problem">The problem document, or null.</param>
    /// <param name="retryAfter">How long the server asked to wait (its <c>Retry-After</c>), or null.</param>
    public PocTrackerProblemException(HttpStatusCode status, PocTrackerProblem? problem, TimeSpan? retryAfter)
        : base(MessageOf(status, problem))
    {
        Status = status;
        Problem = problem;
        RetryAfter = retryAfter;
    }

    /// <summary>The status the server answered with.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>
    /// How long the server asked to wait before trying again (its <c>Retry-After</c>, e.g. with a <c>429</c>: a report or
    /// video cap), or null when it did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The problem document, or null when the answer held none.</summary>
    public PocTrackerProblem? Problem { get; }

    /// <summary>The problem's stable type URI, or null when the answer held no problem.</summary>
    public string? Type => Problem?.Type;

    /// <summary>The problem's short code (<c>validation-failed</c>, <c>not-found</c>, …), or null when the answer held no problem.</summary>
    public string? Code => Problem?.Code;

    /// <summary>The field errors of a <c>validation-failed</c> problem; empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors => Problem?.Errors ?? NoErrors;

    private static string MessageOf(HttpStatusCode status, PocTrackerProblem? problem) =>
        $"The server answered {(int)status}" + (problem is null ? "." : $" ({problem.Code ?? problem.Type}): {problem.Detail ?? problem.Title}");
}
