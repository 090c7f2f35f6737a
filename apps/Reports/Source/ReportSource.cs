using Microsoft.AspNetCore.Mvc;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Pocs;
using PocTracker.Sdk.Problems;
using PocTracker.ServiceDefaults.Problems;

namespace PocTracker.Reports.Source;

/// <summary>
/// The POCs of a report: the pocs app's export (<c>GET /api/pocs/export</c>, NDJSON) through the SDK's
/// <see cref="PocsClient"/> over the service-invocation port, as the caller (their token is forwarded, or a job's
/// is sent), so a report holds exactly what their search would show; and how a refusal becomes this app's answer.
/// </summary>
internal static class ReportSource
{
    /// <summary>Starts the export: the POCs, read as they arrive, or the status and problem the pocs app refused with (503 when it did not answer).</summary>
    public static async Task<PocsExport> OpenAsync(PocsClient pocs, PocSearchFilters filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pocs);
        try
        {
            return new PocsExport(await pocs.ExportAsync(filters, cancellationToken: cancellationToken), StatusCodes.Status200OK, null);
        }
        catch (PocTrackerProblemException refused)
        {
            return new PocsExport(null, (int)refused.Status, refused.Problem);
        }
        catch (HttpRequestException)
        {
            return new PocsExport(null, StatusCodes.Status503ServiceUnavailable, null); // unreachable or timed out: the caller gets a 503
        }
    }

    /// <summary>
    /// A 401/403 means the forwarded token does not open the pocs API (no <c>pocs</c> scope): 403 with
    /// that explanation. Any other 4xx (a filter the search does not accept, …) is the caller's to fix:
    /// passed on with its status and, when the pocs app wrote one, its problem (type, title, detail,
    /// field errors). Anything else (a 5xx, no answer) is the dependency failing: 503.
    /// </summary>
    public static IResult Refused(PocsExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return export.Status switch
        {
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden =>
                Problems.Forbidden("The access token does not open the pocs API: ask for the pocs scope along with reports."),
            >= 400 and < 500 when export.Problem is { } problem => Results.Problem(PassedOn(problem, export.Status)),
            >= 400 and < 500 => Results.Problem(
                title: "The POCs could not be read with this request.",
                detail: $"The pocs app refused the export ({export.Status}).",
                statusCode: export.Status,
                type: ProblemTypes.ForStatus(export.Status)),
            _ => Unavailable(),
        };
    }

    /// <summary>The pocs app failed or did not answer (in time): 503.</summary>
    public static IResult Unavailable() => Results.Problem(
        title: "The POCs could not be read.",
        detail: "The pocs app did not answer as expected; try again in a moment.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        type: ProblemTypes.ServiceUnavailable);

    private static ProblemDetails PassedOn(PocTrackerProblem problem, int status)
    {
        var passedOn = problem.Errors is { } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal))
            : new ProblemDetails();
        passedOn.Status = status;
        passedOn.Type = problem.Type ?? ProblemTypes.ForStatus(status);
        passedOn.Title = problem.Title;
        passedOn.Detail = problem.Detail;
        return passedOn;
    }
}

/// <summary>An export in progress: the POCs, or the status (and problem, if it wrote one) the pocs app answered with.</summary>
internal sealed record PocsExport(IAsyncEnumerable<PocDto>? Pocs, int Status, PocTrackerProblem? Problem);
