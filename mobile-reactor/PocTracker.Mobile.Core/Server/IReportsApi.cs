using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Core.Server;

/// <summary>The report calls the reports page makes (the SDK's <c>ReportsClient</c>, behind an interface so tests substitute it).</summary>
public interface IReportsApi
{
    /// <summary>Starts a report job of <paramref name="format"/> (<c>pdf</c>/<c>csv</c>) over the POCs <paramref name="filters"/> select; 429 with Retry-After past the cap.</summary>
    Task<ReportJob> StartAsync(string format, PocSearchFilters filters, string? culture, CancellationToken cancellationToken);

    /// <summary>The job's states until it ends (long polling).</summary>
    IAsyncEnumerable<ReportJob> FollowJobAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The person's recent jobs, newest first.</summary>
    Task<IReadOnlyList<ReportJob>> ListJobsAsync(CancellationToken cancellationToken);

    /// <summary>The file of a succeeded job.</summary>
    Task<IncomingFile> DownloadAsync(ReportJob job, CancellationToken cancellationToken);
}
