using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Reports.Source;

/// <summary>Turns the pocs app's refusal into this app's answer.</summary>
internal static class ReportSource
{
    /// <summary>
    /// A 401/403 means the forwarded token does not open the pocs API (no <c>pocs</c> scope): 403 with
    /// that explanation. Any other 4xx (a filter the search does not accept, …) is the caller's to fix:
    /// passed on with its status and, when the pocs app wrote one, its problem unchanged. Anything else
    /// (a 5xx, no answer) is the dependency failing: 503.
    /// </summary>
    public static IResult Refused(PocsExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return export.Status switch
        {
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden =>
                Problems.Forbidden("The access token does not open the pocs API: ask for the pocs scope along with reports."),
            >= 400 and < 500 when export.Problem is { } problem && problem.TrimStart().StartsWith('{') =>
                Results.Content(problem, "application/problem+json", statusCode: export.Status),
            >= 400 and < 500 => Results.Problem(
                title: "The POCs could not be read with this request.",
                detail: $"The pocs app refused the export ({export.Status}).",
                statusCode: export.Status,
                type: ProblemTypes.ForStatus(export.Status)),
            _ => Results.Problem(
                title: "The POCs could not be read.",
                detail: "The pocs app did not answer as expected; try again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                type: ProblemTypes.ServiceUnavailable),
        };
    }
}
