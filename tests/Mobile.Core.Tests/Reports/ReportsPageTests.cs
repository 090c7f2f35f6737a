using System.Net;
using NSubstitute;
using PocTracker.Contracts.Pocs;
using PocTracker.Contracts.Reports;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Reports;
using PocTracker.Mobile.Core.Server;
using PocTracker.Sdk.Problems;

namespace PocTracker.Mobile.Core.Tests.Reports;

public sealed class ReportsPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly PocSearchFilters GoFilters = new() { Q = "cache", Language = "go", Tags = "infra" };

    private static ReportJob Job(Guid id, string status, string format = "pdf") =>
        new(id, status, format, status == ReportStatuses.Succeeded ? 3 : null, null, null, Now, null, Now.AddDays(1));

    [Fact]
    public void Opening_keeps_the_list_pages_filters_and_lists_the_jobs()
    {
        var start = new ReportsPage(GoFilters, "pt-BR").Start();

        Assert.Equal(GoFilters, start.State.Filters);
        Assert.Equal(ReportFormats.Pdf, start.State.Format);
        Assert.True(start.HasEffect(new ListReportJobs()));
    }

    [Fact]
    public void Asking_starts_a_job_with_the_chosen_format_filters_and_culture()
    {
        var page = new ReportsPage(GoFilters, "pt-BR");
        var state = page.Update(page.Start().State, new ReportFormatChosen(ReportFormats.Csv)).State;

        var asked = page.Update(state, new ReportRequested());

        Assert.True(asked.State.Starting);
        Assert.Equal([new StartReport(ReportFormats.Csv, GoFilters, "pt-BR")], asked.Effects);
        Assert.Empty(page.Update(asked.State, new ReportRequested()).Effects); // no second job while one starts
    }

    [Fact]
    public void An_unknown_format_is_ignored()
    {
        var page = new ReportsPage(null, "en");

        Assert.Equal(ReportFormats.Pdf, page.Update(page.Start().State, new ReportFormatChosen("docx")).State.Format);
    }

    [Fact]
    public void A_started_job_is_followed_and_downloaded_when_it_succeeds()
    {
        var page = new ReportsPage(null, "en");
        var id = Guid.NewGuid();
        var asked = page.Update(page.Start().State, new ReportRequested()).State;

        var queued = page.Update(asked, new ReportJobChanged(Job(id, ReportStatuses.Queued)));
        var running = page.Update(queued.State, new ReportJobChanged(Job(id, ReportStatuses.Running)));
        var done = page.Update(running.State, new ReportJobChanged(Job(id, ReportStatuses.Succeeded)));

        Assert.Equal([new FollowReport(id)], queued.Effects);
        Assert.Empty(running.Effects);
        Assert.True(running.State.Busy);
        Assert.Equal([new DownloadReport(Job(id, ReportStatuses.Succeeded))], done.Effects);
        Assert.Equal(id, done.State.Downloading);
        Assert.Equal(ReportStatuses.Succeeded, Assert.Single(done.State.Jobs).Status);
    }

    [Fact]
    public void A_saved_file_can_be_shared_and_opened()
    {
        var page = new ReportsPage(null, "en");
        var file = new DeviceFile("/cache/pocs.pdf", "pocs.pdf", "application/pdf", 10);
        var saved = page.Update(page.Start().State with { Downloading = Guid.Empty }, new ReportSaved(Guid.Empty, file)).State;

        Assert.Null(saved.Downloading);
        Assert.Equal([new ShareReport(file)], page.Update(saved, new ReportShareRequested()).Effects);
        Assert.Equal([new OpenReport(file)], page.Update(saved, new ReportOpenRequested()).Effects);
        Assert.Empty(page.Update(saved with { Saved = null }, new ReportShareRequested()).Effects);
    }

    [Fact]
    public void A_refused_start_over_the_cap_reads_as_minutes_to_wait()
    {
        var page = new ReportsPage(null, "en");
        var asked = page.Update(page.Start().State, new ReportRequested()).State;
        var failure = new Failure(FailureKind.Refused, HttpStatusCode.TooManyRequests, RetryAfter: TimeSpan.FromSeconds(150));

        var refused = page.Update(asked, page.Failed(new StartReport("pdf", new PocSearchFilters(), "en"), failure)).State;

        Assert.False(refused.Starting);
        Assert.Equal(3, refused.Problem!.MinutesToWait());
    }

    [Fact]
    public void Losing_the_follow_frees_the_page_and_keeps_the_job_listed()
    {
        var page = new ReportsPage(null, "en");
        var id = Guid.NewGuid();
        var asked = page.Update(page.Start().State, new ReportRequested()).State;
        var following = page.Update(asked, new ReportJobChanged(Job(id, ReportStatuses.Running))).State;

        var lost = page.Update(following, page.Failed(new FollowReport(id), Failure.Offline)).State;

        Assert.True(following.Busy);
        Assert.False(lost.Busy);
        Assert.Equal(FailureKind.Offline, lost.Problem!.Kind);
        Assert.Equal(id, Assert.Single(lost.Jobs).Id);
    }

    [Fact]
    public async Task The_effects_start_follow_and_save_a_report_through_the_loop()
    {
        var id = Guid.NewGuid();
        var api = Substitute.For<IReportsApi>();
        api.ListJobsAsync(Arg.Any<CancellationToken>()).Returns([]);
        api.StartAsync("pdf", GoFilters, "en", Arg.Any<CancellationToken>()).Returns(Job(id, ReportStatuses.Queued));
        api.FollowJobAsync(id, Arg.Any<CancellationToken>()).Returns(Jobs(Job(id, ReportStatuses.Running), Job(id, ReportStatuses.Succeeded)));
        api.DownloadAsync(Arg.Is<ReportJob>(j => j.Id == id), Arg.Any<CancellationToken>())
            .Returns(_ => new IncomingFile("pocs.pdf", "application/pdf", new MemoryStream("%PDF-1.7"u8.ToArray())));
        var directory = Directory.CreateTempSubdirectory("reports-");
        try
        {
            var files = new TestFiles(directory.FullName);
            await using var loop = new PageLoop<ReportsState, ReportsMessage, ReportsEffect>(new ReportsPage(GoFilters, "en"), new ReportsEffects(api, files));
            loop.Start();
            await loop.IdleAsync();

            loop.Dispatch(new ReportRequested());
            await loop.IdleAsync();
            loop.Dispatch(new ReportShareRequested());
            await loop.IdleAsync();

            var saved = loop.State.Saved;
            Assert.NotNull(saved);
            Assert.Equal("%PDF-1.7", await File.ReadAllTextAsync(saved.Path, TestContext.Current.CancellationToken));
            Assert.Equal([saved], files.Shared);
            Assert.False(loop.State.Busy);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_refusal_from_the_server_becomes_the_pages_problem()
    {
        var api = Substitute.For<IReportsApi>();
        api.ListJobsAsync(Arg.Any<CancellationToken>()).Returns<IReadOnlyList<ReportJob>>(_ =>
            throw new PocTrackerProblemException(HttpStatusCode.TooManyRequests, null, TimeSpan.FromMinutes(10)));
        await using var loop = new PageLoop<ReportsState, ReportsMessage, ReportsEffect>(new ReportsPage(null, "en"), new ReportsEffects(api, new TestFiles(Path.GetTempPath())));

        loop.Start();
        await loop.IdleAsync();

        Assert.Equal(10, loop.State.Problem?.MinutesToWait());
    }

    private static async IAsyncEnumerable<ReportJob> Jobs(params ReportJob[] jobs)
    {
        foreach (var job in jobs)
        {
            await Task.Yield();
            yield return job;
        }
    }
}
