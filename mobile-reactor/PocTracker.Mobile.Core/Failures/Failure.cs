using System.Net;
using PocTracker.Sdk.Problems;

namespace PocTracker.Mobile.Core.Failures;

/// <summary>What kind of failure an effect met, which decides what the page does about it.</summary>
public enum FailureKind
{
    /// <summary>No answer came (no network, the server down, a timeout): keep what is on screen, mark it offline, try later.</summary>
    Offline,

    /// <summary>Nobody is signed in any more (or the server answered 401): show the sign-in page.</summary>
    SignedOut,

    /// <summary>The server answered with a problem (RFC 9457): show its title and field errors; <see cref="Failure.Status"/> says which.</summary>
    Refused,

    /// <summary>Anything else (a bug): shown as a general error, never a crash.</summary>
    Unexpected,
}

/// <summary>
/// An effect's failure as a page sees it: its <see cref="Kind"/>, and for a refusal the status and the server's
/// problem document (its field errors feed the form). Made by <see cref="Of"/> from the SDK's exceptions.
/// </summary>
public sealed record Failure(FailureKind Kind, HttpStatusCode? Status = null, PocTrackerProblem? Problem = null, TimeSpan? RetryAfter = null, string? Detail = null)
{
    /// <summary>A 412: the thing changed on the server since it was read (an edit made with an old version).</summary>
    public bool IsConflict => Status == HttpStatusCode.PreconditionFailed;

    /// <summary>A 404: the thing is gone (deleted by someone else) or belongs to no one this person can see.</summary>
    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    /// <summary>The field errors of a <c>validation-failed</c> problem, by field name; empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors =>
        Problem?.Errors ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>No answer came: offline.</summary>
    public static Failure Offline { get; } = new(FailureKind.Offline);

    /// <summary>Nobody is signed in.</summary>
    public static Failure SignedOut { get; } = new(FailureKind.SignedOut);

    /// <summary>Classifies an exception an effect let go.</summary>
    public static Failure Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SignedOutException => SignedOut,
            PocTrackerProblemException { Status: HttpStatusCode.Unauthorized } => SignedOut,
            PocTrackerProblemException problem => new Failure(FailureKind.Refused, problem.Status, problem.Problem, problem.RetryAfter, problem.Problem?.Title),
            HttpRequestException or TimeoutException => Offline,
            TaskCanceledException => Offline, // HttpClient's timeout (a cancellation asked for by the page never gets here)
            IOException => Offline, // the connection cut off mid-answer
            _ => new Failure(FailureKind.Unexpected, Detail: exception.Message),
        };
    }
}
