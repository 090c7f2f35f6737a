using System.Net.Http.Headers;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Sdk.Downloads;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.Waiting;

namespace PocTracker.Sdk.Reports;

/// <summary>
/// The reports API (<c>/api/reports</c>, docs/reports.md): a search's POCs as a CSV or PDF file, downloaded at once or
/// made by a background job. The <see cref="HttpClient"/> carries the server's base address and an access token with
/// the <c>reports</c> and <c>pocs</c> audiences (the report reads the POCs as the caller), best through
/// <see cref="SignIn.AccessTokenHandler"/>: a finished job's download link may point at object storage, which must not
/// get the token. Error answers throw <see cref="PocTrackerProblemException"/>.
/// </summary>
public sealed class ReportsClient(HttpClient http, TimeProvider? time = null)
{
    /// <summary>Comma-separated values (a semicolon for pt-BR callers unless asked otherwise).</summary>
    public const string Csv = "csv";

    /// <summary>A PDF with a summary and charts.</summary>
    public const string Pdf = "pdf";

    private const string Reports = "api/reports";
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>The report of <paramref name="filters"/> (the search's, plus a creation-day range) as a download (<c>GET /api/reports/pocs.{format}</c>).</summary>
    /// <param name="format"><see cref="Csv"/> or <see cref="Pdf"/>.</param>
    /// <param name="filters">Which POCs.</param>
    /// <param name="culture">The report's language (<c>pt-BR</c> or <c>en</c>), sent as Accept-Language; the server's default when null.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public async Task<DownloadedFile> DownloadAsync(string format, PocSearchFilters filters, string? culture = null, CancellationToken cancellationToken = default)
    {
        using var request = ReportRequest(format, filters, culture, inBackground: false);
        return await DownloadedFile.OpenAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a background job making the report (<c>?async=true</c>, 202); follow it with <see cref="WaitForJobAsync"/>.</summary>
    public async Task<ReportJob> StartAsync(string format, PocSearchFilters filters, string? culture = null, CancellationToken cancellationToken = default)
    {
        using var request = ReportRequest(format, filters, culture, inBackground: true);
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.ReportJob, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A job's status (<c>GET /api/reports/jobs/{id}</c>); with <paramref name="waitSeconds"/> (0–30) the server answers as soon as it ends, or then.</summary>
    public async Task<ReportJob> GetJobAsync(Guid id, int waitSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waitSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(waitSeconds, LongPolling.MaxWaitSeconds);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Reports}/jobs/{id}" + (waitSeconds > 0 ? $"?wait={waitSeconds}" : ""), UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.ReportJob, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The job once it has ended, <c>succeeded</c> or <c>failed</c> (see <see cref="ReportJob.Failure"/>), by long polling;
    /// <see cref="TimeoutException"/> when it has not within <paramref name="timeout"/>.
    /// </summary>
    public Task<ReportJob> WaitForJobAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        LongPolling.UntilAsync((wait, token) => GetJobAsync(id, wait, token), job => job.Status is "succeeded" or "failed", timeout, clock, cancellationToken);

    /// <summary>
    /// Every status of a job until it ends (the last one yielded is <c>succeeded</c> or <c>failed</c>), for a display of
    /// its progress; each status comes by long polling, at most <paramref name="refreshSeconds"/> after the one before
    /// and at once when the job ends. No deadline of its own: cancel to stop following.
    /// </summary>
    public IAsyncEnumerable<ReportJob> FollowJobAsync(Guid id, int refreshSeconds = LongPolling.MaxWaitSeconds, CancellationToken cancellationToken = default) =>
        LongPolling.FollowAsync((wait, token) => GetJobAsync(id, wait, token), job => job.Status is "succeeded" or "failed", refreshSeconds, cancellationToken);

    /// <summary>The caller's report jobs of the last 24 hours (<c>GET /api/reports/jobs</c>), each with a fresh download link once done.</summary>
    public async Task<IReadOnlyList<ReportJob>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Reports}/jobs", UriKind.Relative));
        return await ProblemAnswers.SendForJsonAsync(http, request, SdkJson.Default.IReadOnlyListReportJob, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A succeeded job's file, through its short-lived download link (which needs no token). A link is good for minutes:
    /// past that, ask for the job again (<see cref="GetJobAsync"/>) for a fresh one.
    /// </summary>
    public async Task<DownloadedFile> DownloadAsync(ReportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var link = job.DownloadUrl ?? throw new InvalidOperationException($"Report job {job.Id} is {job.Status}: it has no file to download.");
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        return await DownloadedFile.OpenAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage ReportRequest(string format, PocSearchFilters filters, string? culture, bool inBackground)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (format is not (Csv or Pdf))
        {
            throw new ArgumentException($"A report is {Csv} or {Pdf}, not {format}.", nameof(format));
        }

        var query = PocSearchFilters.QueryStringOf(inBackground
            ? filters.ToQueryParameters().Append(new KeyValuePair<string, string>("async", "true"))
            : filters.ToQueryParameters());
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Reports}/pocs.{format}{query}", UriKind.Relative));
        if (culture is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(culture));
        }

        return request;
    }
}
