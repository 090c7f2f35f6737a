using System.Runtime.CompilerServices;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Core.Reports;

/// <summary>Runs the reports page's effects against the server and the phone's files.</summary>
public sealed class ReportsEffects(IReportsApi reports, IDeviceFiles files) : IEffects<ReportsEffect, ReportsMessage>
{
    public async IAsyncEnumerable<ReportsMessage> RunAsync(ReportsEffect effect, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case StartReport start:
                yield return new ReportJobChanged(await reports.StartAsync(start.Format, start.Filters, start.Culture, cancellationToken).ConfigureAwait(false));
                break;
            case FollowReport follow:
                await foreach (var job in reports.FollowJobAsync(follow.JobId, cancellationToken).ConfigureAwait(false))
                {
                    yield return new ReportJobChanged(job);
                }

                break;
            case ListReportJobs:
                yield return new ReportJobsListed(await reports.ListJobsAsync(cancellationToken).ConfigureAwait(false));
                break;
            case DownloadReport download:
                var file = await reports.DownloadAsync(download.Job, cancellationToken).ConfigureAwait(false);
                DeviceFile saved;
                await using (file.ConfigureAwait(false))
                {
                    saved = await files.SaveAsync(file, $"report-{download.Job.Id:N}.{download.Job.Format}", cancellationToken).ConfigureAwait(false);
                }

                yield return new ReportSaved(download.Job.Id, saved);
                break;
            case ShareReport share:
                await files.ShareAsync(share.File, cancellationToken).ConfigureAwait(false);
                break;
            case OpenReport open:
                await files.OpenAsync(open.File, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(effect), effect, "Not a reports effect.");
        }
    }
}
