using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Mobile.Core.Device;
using PocTracker.Sdk.Reports;

namespace PocTracker.Mobile.Core.Server;

/// <summary><see cref="IReportsApi"/> over the SDK's <see cref="ReportsClient"/>.</summary>
public sealed class ReportsApi(ReportsClient client) : IReportsApi
{
    public Task<ReportJob> StartAsync(string format, PocSearchFilters filters, string? culture, CancellationToken cancellationToken) =>
        client.StartAsync(format, filters, culture, cancellationToken);

    public IAsyncEnumerable<ReportJob> FollowJobAsync(Guid id, CancellationToken cancellationToken) =>
        client.FollowJobAsync(id, cancellationToken: cancellationToken);

    public Task<IReadOnlyList<ReportJob>> ListJobsAsync(CancellationToken cancellationToken) => client.ListJobsAsync(cancellationToken);

    public async Task<IncomingFile> DownloadAsync(ReportJob job, CancellationToken cancellationToken) =>
        IncomingFile.Of(await client.DownloadAsync(job, cancellationToken).ConfigureAwait(false));
}
