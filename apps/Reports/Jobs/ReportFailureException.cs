using PocTracker.ServiceDefaults.Jobs;

namespace PocTracker.Reports.Jobs;

/// <summary>
/// A report step's failure whose message is written for the user (an expired token, the pocs app
/// refusing the filters): it becomes the job's <c>failure</c> as it is. Any other failure is a fault,
/// and the user reads a generic reason, or that the pocs app did not answer (the details are in the logs).
/// </summary>
public sealed class ReportFailureException : Exception
{
    public ReportFailureException()
    {
    }

    public ReportFailureException(string reason)
        : base(reason)
    {
    }

    public ReportFailureException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>The reason a user reads for a step that failed for good.</summary>
    public static string ReasonOf(JobActivityFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.ErrorType == typeof(ReportFailureException).FullName)
        {
            return failure.ErrorMessage;
        }

        // The pocs app failed or did not answer in time on every try (RenderReportActivity throws these as faults, to be retried).
        return failure.ErrorType == typeof(HttpRequestException).FullName
            ? "The POCs could not be read: the pocs app did not answer, even after several tries. Ask for the report again in a moment."
            : "The report could not be produced. Ask for it again.";
    }

    /// <summary>The reason when the server kept restarting in the middle of the job.</summary>
    public const string Interrupted = "Interrupted: the server restarted several times while preparing it. Ask for the report again.";

    /// <summary>The caller's access token no longer opens the pocs export (it lives minutes; the job started too late).</summary>
    public static ReportFailureException TokenExpired() =>
        new("The access token expired before the report started, or does not open the pocs API. Ask for it again.");
}
