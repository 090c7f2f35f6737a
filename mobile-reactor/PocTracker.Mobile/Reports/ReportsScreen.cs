using Microsoft.Extensions.DependencyInjection;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Mobile.App;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Platform;

namespace PocTracker.Mobile.Reports;

/// <summary>
/// Reports: PDF or CSV of the POCs (optionally only those whose name matches), generated on the server as a job the
/// core follows, downloaded into the phone's cache when done, then shared (share sheet) or opened (a PDF viewer).
/// Earlier jobs are listed with their own download button. The report comes in the app's language.
/// </summary>
public sealed class ReportsScreen : MvuPage<ReportsState, ReportsMessage, ReportsEffect>
{
    private static readonly string[] Formats = [ReportFormats.Pdf, ReportFormats.Csv];

    protected override IPage<ReportsState, ReportsMessage, ReportsEffect> CreatePage(IServiceProvider services) =>
        new ReportsPage(null, AppLanguage.Current);

    protected override IEffects<ReportsEffect, ReportsMessage> CreateEffects(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<ReportsEffects>(services);

    protected override void AfterChange(ReportsState state)
    {
        if (state.Problem?.Kind == FailureKind.SignedOut)
        {
            Services.GetRequiredService<AppSession>().SetSignedIn(false);
        }
    }

    protected override VisualNode RenderPage(ReportsState state) =>
        ContentPage(
            ScrollView(
                VStack(spacing: 12,
                    Label(T("Format")).FontSize(12).TextColor(AppTheme.Muted),
                    Picker()
                        .ItemsSource(Formats.Select(f => (object)T(f == ReportFormats.Pdf ? "FormatPdf" : "FormatCsv")).ToList())
                        .SelectedIndex(Array.IndexOf(Formats, state.Format))
                        .OnSelectedIndexChanged((int i) =>
                        {
                            if (i >= 0)
                            {
                                Dispatch(new ReportFormatChosen(Formats[i]));
                            }
                        }),
                    Entry()
                        .Placeholder(T("FilterText"))
                        .Text(state.Filters.Q ?? "")
                        .OnTextChanged(text => Dispatch(new ReportFiltersChanged(state.Filters with { Q = string.IsNullOrWhiteSpace(text) ? null : text }))),
                    Button(T("Make"))
                        .IsEnabled(!state.Busy)
                        .OnClicked(() => Dispatch(new ReportRequested())),
                    RenderProgress(state),
                    Common.FailureLabel<ReportsText>(state.Problem),
                    state.Saved is { } saved
                        ? VStack(spacing: 8,
                            Label(saved.FileName),
                            HStack(spacing: 8,
                                Button(T("Share")).OnClicked(() => Dispatch(new ReportShareRequested())),
                                Button(T("Open")).ThemeKey(AppTheme.Selector.Secondary).OnClicked(() => Dispatch(new ReportOpenRequested()))))
                        : null,
                    Label(T("Jobs")).ThemeKey(AppTheme.Selector.Title).FontSize(18),
                    VStack(spacing: 4, state.Jobs.Select(job => RenderJob(state, job)).ToArray()))
                .Padding(16)))
        .Title(T("Title"));

    private static VisualNode? RenderProgress(ReportsState state) =>
        state.Starting || state.Following is { Status: ReportStatuses.Queued or ReportStatuses.Running } || state.Downloading is not null
            ? HStack(spacing: 8,
                ActivityIndicator().IsRunning(true),
                Label(state.Downloading is not null ? T("Downloading") : T("Status_" + (state.Following?.Status ?? ReportStatuses.Queued))).VCenter())
            : state.Following is { Status: ReportStatuses.Failed } failed
                ? Label(failed.Failure ?? T("Status_failed")).ThemeKey(AppTheme.Selector.Error)
                : null;

    private VisualNode RenderJob(ReportsState state, ReportJob job) =>
        Grid("Auto", "*,Auto",
            VStack(
                Label($"{job.Format.ToUpperInvariant()} · {job.CreatedAt.LocalDateTime:g}"),
                Label(T("Status_" + job.Status) + (job.Rows is { } rows ? " · " + T("Rows", rows) : ""))
                    .FontSize(12).TextColor(AppTheme.Muted)),
            job.Status == ReportStatuses.Succeeded && job.ExpiresAt > DateTimeOffset.Now
                ? Button(T("Download"))
                    .ThemeKey(AppTheme.Selector.Secondary)
                    .IsEnabled(state.Downloading is null)
                    .OnClicked(() => Dispatch(new ReportDownloadRequested(job)))
                    .GridColumn(1)
                : null);

    /// <summary>A text of this page, from the core's ReportsText resources.</summary>
    private static string T(string key, params object[] arguments) => Texts.T<ReportsText>(key, arguments);
}
