using System.Net;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PocTracker.Contracts.Pocs;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.PendingEdits;
using PocTracker.Mobile.Core.PocEdit;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Server;
using PocTracker.Mobile.Core.Tests.Support;
using PocTracker.Sdk.Problems;

namespace PocTracker.Mobile.Core.Tests.PocEdit;

/// <summary>"From GitHub" on the new-POC form: the preview fills the empty fields only; its failures are classified.</summary>
public sealed class FromGitHubTests
{
    private static readonly GitHubRepositoryPreview Repository =
        new("nfe-reader", "Reads Brazilian electronic invoices.", "csharp", "C#", ["blazor", "nf-e"], "https://github.com/ana/nfe-reader", new DateOnly(2025, 3, 14));

    private readonly PocEditPage page = new(null);

    private Transition<PocEditState, PocEditEffect> Tap(PocEditState state, string url)
    {
        state = page.Update(state, new GitHubUrlChanged(url)).State;
        return page.Update(state, new FillFromGitHubTapped());
    }

    [Fact]
    public void TheRepositoryFillsTheEmptyFieldsAndKeepsWhatWasTyped()
    {
        var typed = page.Update(page.Start().State, new FormChanged(new PocForm(Name: "Leitor de NF-e", Status: "in-progress"))).State;

        var tapped = Tap(typed, " https://github.com/ana/nfe-reader ");
        Assert.Equal(new ReadGitHubRepository("https://github.com/ana/nfe-reader"), Assert.Single(tapped.Effects));
        Assert.Equal((GitHubFillStatus.Reading, PocEditText.GitHubReading), (tapped.State.GitHub!.Status, tapped.State.GitHub.MessageKey));
        Assert.Empty(page.Update(tapped.State, new FillFromGitHubTapped()).Effects); // one read at a time

        var filled = page.Update(tapped.State, new GitHubRepositoryRead(Repository)).State;

        // A record compares its tag list by reference: the rest by value, the tags apart.
        Assert.Equal(new PocForm("Leitor de NF-e", "Reads Brazilian electronic invoices.", "C#", null, "https://github.com/ana/nfe-reader", "in-progress", new DateOnly(2025, 3, 14)),
            filled.Form with { Tags = null });
        Assert.Equal(["blazor", "nf-e"], filled.Form.Tags);
        Assert.Equal(["description", "language", "tags", "repositoryUrl", "startedOn"], filled.GitHub!.Filled);
        Assert.Equal(["name"], filled.GitHub.Kept);
        Assert.Equal(PocEditText.GitHubFilled, filled.GitHub.MessageKey);

        var request = page.Update(filled, new SaveTapped()).Effects.OfType<SavePoc>().Single().Poc;
        Assert.Equal(("Leitor de NF-e", "C#", "https://github.com/ana/nfe-reader", new DateOnly(2025, 3, 14)), (request.Name, request.Language, request.RepositoryUrl, request.StartedOn));

        // Filling again changes nothing and says so.
        var again = page.Update(Tap(filled, "https://github.com/ana/nfe-reader").State, new GitHubRepositoryRead(Repository)).State;
        Assert.Equal(filled.Form, again.Form);
        Assert.Equal(PocEditText.GitHubNothingToFill, again.GitHub!.MessageKey);
    }

    [Fact]
    public void OnlyANewPocOffersIt()
    {
        var edit = new PocEditPage(Guid.NewGuid());
        var state = edit.Update(edit.Start().State, new PocToEditRead(Pocs.Poc("Kafka"), FromDevice: false)).State;

        Assert.Empty(edit.Update(state with { GitHubUrl = "https://github.com/ana/kafka" }, new FillFromGitHubTapped()).Effects);
    }

    public static TheoryData<Exception, GitHubFillStatus, string?, int?> Failures() => new()
    {
        { Problems.Answer(HttpStatusCode.NotFound, "The GitHub repository was not found."), GitHubFillStatus.NotFound, PocEditText.GitHubNotFound, null },
        { new PocTrackerProblemException(HttpStatusCode.ServiceUnavailable, new PocTrackerProblem { Title = "GitHub is unavailable.", Status = 503 }, TimeSpan.FromSeconds(41.2)),
            GitHubFillStatus.Unavailable, PocEditText.GitHubUnavailableFor, 42 },
        { Problems.Answer(HttpStatusCode.ServiceUnavailable), GitHubFillStatus.Unavailable, PocEditText.GitHubUnavailable, null },
        { new HttpRequestException("no network"), GitHubFillStatus.Offline, PocEditText.GitHubOffline, null },
        { new InvalidOperationException("a bug"), GitHubFillStatus.Failed, PocEditText.GitHubFailed, null },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void EachFailureIsClassifiedAndTheFormIsUntouched(Exception exception, GitHubFillStatus status, string? key, int? seconds)
    {
        var typed = page.Update(page.Start().State, new FormChanged(new PocForm(Description: "Mine."))).State;
        var tapped = Tap(typed, "https://github.com/ana/nfe-reader");

        var failed = page.Update(tapped.State, page.Failed(tapped.Effects[0], Failure.Of(exception))).State;

        Assert.Equal((status, key, seconds), (failed.GitHub!.Status, failed.GitHub.MessageKey, failed.GitHub.RetryInSeconds));
        Assert.Equal(new PocForm(Description: "Mine."), failed.Form);
        Assert.Equal(EditStatus.Editing, failed.Status);
    }

    [Fact]
    public void AnAddressTheServerRefusesShowsItsWordsAtTheAddress()
    {
        var tapped = Tap(page.Start().State, "https://gitlab.com/ana/nfe");
        var refusal = Problems.Answer(HttpStatusCode.BadRequest, "The request is not valid.",
            new Dictionary<string, IReadOnlyList<string>> { ["url"] = ["Only https://github.com/{owner}/{repo} repositories are accepted."] });

        var failed = page.Update(tapped.State, page.Failed(tapped.Effects[0], Failure.Of(refusal))).State;

        Assert.Equal(GitHubFillStatus.Refused, failed.GitHub!.Status);
        Assert.Null(failed.GitHub.MessageKey);
        Assert.Equal(["Only https://github.com/{owner}/{repo} repositories are accepted."], failed.GitHub.UrlErrors);
        Assert.Equal("The request is not valid.", failed.GitHub.ProblemTitle);
        Assert.Null(page.Update(failed, new GitHubUrlChanged("https://github.com/ana/nfe")).State.GitHub); // typing again clears it
    }

    [Fact]
    public async Task TheEffectAsksTheServerAndA503sRetryAfterReachesThePage()
    {
        using var folder = new TempFolder();
        var cache = new FileDeviceCache(folder.Path);
        using var queue = new PendingEditsQueue(cache, new FakeTimeProvider(Pocs.Noon));
        var server = Substitute.For<IPocsApi>();
        server.PreviewFromGitHubAsync("https://github.com/ana/nfe-reader", Arg.Any<CancellationToken>()).Returns(Repository);
        server.PreviewFromGitHubAsync("https://github.com/ana/busy", Arg.Any<CancellationToken>()).Returns<GitHubRepositoryPreview>(_ =>
            throw new PocTrackerProblemException(HttpStatusCode.ServiceUnavailable, new PocTrackerProblem { Title = "GitHub is unavailable.", Status = 503 }, TimeSpan.FromSeconds(30)));
        await using var loop = new PageLoop<PocEditState, PocEditMessage, PocEditEffect>(page, new PocEditEffects(server, new SearchCache(cache), queue));
        loop.Start();
        await loop.IdleAsync();

        loop.Dispatch(new GitHubUrlChanged("https://github.com/ana/busy"));
        loop.Dispatch(new FillFromGitHubTapped());
        await loop.IdleAsync();
        Assert.Equal((GitHubFillStatus.Unavailable, 30), (loop.State.GitHub!.Status, loop.State.GitHub.RetryInSeconds));

        loop.Dispatch(new GitHubUrlChanged("https://github.com/ana/nfe-reader"));
        loop.Dispatch(new FillFromGitHubTapped());
        await loop.IdleAsync();
        Assert.Equal(("nfe-reader", GitHubFillStatus.Filled), (loop.State.Form.Name, loop.State.GitHub!.Status));
    }
}
