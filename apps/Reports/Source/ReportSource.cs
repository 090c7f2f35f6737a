using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Reports.Source;

/// <summary>Turns the pocs app's refusal into this app's answer.</summary>
internal static class ReportSource
{
    /// <summary>
    /// A 400 (a filter the search does not accept) is passed on as it came: its field errors are the
    /// caller's to fix. A 401/403 means the forwarded token does not open the pocs API (no
    /// <c>pocs</c> scope): 403 with that explanation. Anything else is the dependency failing: 503.
    /// </summary>
    public static IResult Refused(PocsExport export) => export.Status switch
    {
        StatusCodes.Status400BadRequest when export.Problem is { Length: > 0 } problem =>
            Results.Content(problem, "application/problem+json", statusCode: StatusCodes.Status400BadRequest),
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden =>
            Problems.Forbidden("The access token does not open the pocs API: ask for the pocs scope along with reports."),
        _ => Results.Problem(
            title: "The POCs could not be read.",
            detail: "The pocs app did not answer as expected; try again in a moment.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: ProblemTypes.ServiceUnavailable),
    };
}
