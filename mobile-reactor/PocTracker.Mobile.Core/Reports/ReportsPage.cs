using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;

namespace PocTracker.Mobile.Core.Reports;

/// <summary>
/// The reports page: the format, the search it reports on (the list page's filters, editable here), the job being
/// followed, the recent jobs, and the file last saved on the phone. <see cref="Problem"/> is the last failure (a 429
/// reads "try again in N min" through <see cref="FailureWaits.MinutesToWait"/>); the view translates every key.
/// </summary>
public sealed record ReportsState(
    string Format,
    PocSearchFilters Filters,
    string Culture,
    ReportJob? Following,
    IReadOnlyList<ReportJob> Jobs,
    bool Starting,
    Guid? Downloading,
    DeviceFile? Saved,
    Failure? Problem)
{
    /// <summary>A job is being made or the file fetched: the "Make the report" button waits.</summary>
    public bool Busy => Starting || Downloading is not null || Following is { Status: ReportStatuses.Queued or ReportStatuses.Running };
}

/// <summary>The job statuses of <see cref="ReportJob.Status"/>.</summary>
public static class ReportStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

public abstract record ReportsMessage;

/// <summary>The person picked <c>pdf</c> or <c>csv</c>.</summary>
public sealed record ReportFormatChosen(string Format) : ReportsMessage;

/// <summary>The person edited the search (free text, language, tags…).</summary>
public sealed record ReportFiltersChanged(PocSearchFilters Filters) : ReportsMessage;

/// <summary>"Make the report".</summary>
public sealed record ReportRequested : ReportsMessage;

/// <summary>The server took the job (or told its next state while following it).</summary>
public sealed record ReportJobChanged(ReportJob Job) : ReportsMessage;

public sealed record ReportJobsListed(IReadOnlyList<ReportJob> Jobs) : ReportsMessage;

/// <summary>Pull to refresh the job list.</summary>
public sealed record ReportJobsRefreshRequested : ReportsMessage;

/// <summary>Download a succeeded job of the list again.</summary>
public sealed record ReportDownloadRequested(ReportJob Job) : ReportsMessage;

public sealed record ReportSaved(Guid JobId, DeviceFile File) : ReportsMessage;

public sealed record ReportShareRequested : ReportsMessage;

public sealed record ReportOpenRequested : ReportsMessage;

public sealed record ReportsFailed(ReportsEffect Effect, Failure Failure) : ReportsMessage;

public abstract record ReportsEffect;

public sealed record StartReport(string Format, PocSearchFilters Filters, string Culture) : ReportsEffect;

public sealed record FollowReport(Guid JobId) : ReportsEffect;

public sealed record ListReportJobs : ReportsEffect;

public sealed record DownloadReport(ReportJob Job) : ReportsEffect;

public sealed record ShareReport(DeviceFile File) : ReportsEffect;

public sealed record OpenReport(DeviceFile File) : ReportsEffect;

/// <summary>
/// The reports page's update. A started job is followed until it ends; when the followed job succeeds its file is
/// downloaded into the phone's cache at once (the person asked for it), ready to share or open.
/// </summary>
/// <param name="filters">The list page's current search, or none for every POC.</param>
/// <param name="culture">The app's language (<c>pt-BR</c>/<c>en</c>): the PDF's language.</param>
public sealed class ReportsPage(PocSearchFilters? filters, string culture) : IPage<ReportsState, ReportsMessage, ReportsEffect>
{
    public Transition<ReportsState, ReportsEffect> Start() =>
        Transition.To<ReportsState, ReportsEffect>(
            new ReportsState(ReportFormats.Pdf, filters ?? new PocSearchFilters(), culture, null, [], false, null, null, null),
            new ListReportJobs());

    public Transition<ReportsState, ReportsEffect> Update(ReportsState state, ReportsMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        return message switch
        {
            ReportFormatChosen chosen when ReportFormats.IsKnown(chosen.Format) => Transition.To<ReportsState, ReportsEffect>(state with { Format = chosen.Format }),
            ReportFormatChosen => Transition.To<ReportsState, ReportsEffect>(state),
            ReportFiltersChanged changed => Transition.To<ReportsState, ReportsEffect>(state with { Filters = changed.Filters }),
            ReportRequested when state.Busy => Transition.To<ReportsState, ReportsEffect>(state),
            ReportRequested => Transition.To<ReportsState, ReportsEffect>(
                state with { Starting = true, Problem = null, Saved = null },
                new StartReport(state.Format, state.Filters, state.Culture)),
            ReportJobChanged changed => JobChanged(state, changed.Job),
            ReportJobsListed listed => Transition.To<ReportsState, ReportsEffect>(state with { Jobs = listed.Jobs }),
            ReportJobsRefreshRequested => Transition.To<ReportsState, ReportsEffect>(state, new ListReportJobs()),
            ReportDownloadRequested { Job.Status: ReportStatuses.Succeeded } download when state.Downloading is null =>
                Transition.To<ReportsState, ReportsEffect>(state with { Downloading = download.Job.Id, Problem = null }, new DownloadReport(download.Job)),
            ReportDownloadRequested => Transition.To<ReportsState, ReportsEffect>(state),
            ReportSaved saved => Transition.To<ReportsState, ReportsEffect>(state with { Downloading = null, Saved = saved.File }),
            ReportShareRequested when state.Saved is { } file => Transition.To<ReportsState, ReportsEffect>(state, new ShareReport(file)),
            ReportOpenRequested when state.Saved is { } file => Transition.To<ReportsState, ReportsEffect>(state, new OpenReport(file)),
            ReportShareRequested or ReportOpenRequested => Transition.To<ReportsState, ReportsEffect>(state),
            ReportsFailed failed => Transition.To<ReportsState, ReportsEffect>(state with
            {
                Problem = failed.Failure,
                Starting = failed.Effect is StartReport ? false : state.Starting,
                Downloading = failed.Effect is DownloadReport ? null : state.Downloading,
                // Following stopped (offline): the job goes on on the server and shows in the list on refresh; the page is free again.
                Following = failed.Effect is FollowReport ? null : state.Following,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Not a reports message."),
        };
    }

    public ReportsMessage Failed(ReportsEffect effect, Failure failure) => new ReportsFailed(effect, failure);

    private static Transition<ReportsState, ReportsEffect> JobChanged(ReportsState state, ReportJob job)
    {
        var jobs = state.Jobs.Any(j => j.Id == job.Id)
            ? [.. state.Jobs.Select(j => j.Id == job.Id ? job : j)]
            : (IReadOnlyList<ReportJob>)[job, .. state.Jobs];
        if (state.Starting)
        {
            // The job the person just asked for: follow it (it may already have ended on a quiet server).
            var next = state with { Starting = false, Following = job, Jobs = jobs };
            return job.Status switch
            {
                ReportStatuses.Succeeded => Transition.To<ReportsState, ReportsEffect>(next with { Downloading = job.Id }, new DownloadReport(job)),
                ReportStatuses.Failed => Transition.To<ReportsState, ReportsEffect>(next),
                _ => Transition.To<ReportsState, ReportsEffect>(next, new FollowReport(job.Id)),
            };
        }

        if (state.Following?.Id != job.Id)
        {
            return Transition.To<ReportsState, ReportsEffect>(state with { Jobs = jobs });
        }

        var followed = state with { Following = job, Jobs = jobs };
        var justSucceeded = job.Status == ReportStatuses.Succeeded && state.Following.Status != ReportStatuses.Succeeded;
        return justSucceeded && state.Downloading is null
            ? Transition.To<ReportsState, ReportsEffect>(followed with { Downloading = job.Id }, new DownloadReport(job))
            : Transition.To<ReportsState, ReportsEffect>(followed);
    }
}

/// <summary>The report formats the server makes.</summary>
public static class ReportFormats
{
    public const string Pdf = "pdf";
    public const string Csv = "csv";

    public static bool IsKnown(string? format) => format is Pdf or Csv;
}
