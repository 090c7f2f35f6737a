using System.Net;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.PocList;
using PocTracker.Mobile.Core.Tests.Support;

namespace PocTracker.Mobile.Core.Tests.PocList;

public sealed class PocListPageTests
{
    private readonly PocListPage page = new();

    private PocListState Online(params Contracts.Pocs.PocDto[] items) =>
        page.Update(PocListState.Initial, new ResultsArrived(new PocQuery(), Pocs.Page("c1", items), Pocs.Noon, false)).State;

    [Fact]
    public void ItOpensOnTheDefaultListReadingTheDeviceAndTheServer()
    {
        var start = page.Start();

        Assert.Equal(ListSource.Loading, start.State.Source);
        Assert.True(start.HasEffect(new ReadCachedResults(new PocQuery())));
        Assert.True(start.HasEffect(new Search(new PocQuery(), null)));
        Assert.True(start.HasEffect(new LoadFacets()));
    }

    [Fact]
    public void OfflineTheCachedResultsShowWithTheBannerAndTheirTime()
    {
        var cached = new CachedSearch(new PocQuery(), [Pocs.Poc("Cached")], null, 1, Pocs.Noon.AddHours(-3));
        var state = page.Update(PocListState.Initial, new CachedResultsRead(new PocQuery(), cached)).State;
        state = page.Update(state, new ListFailed(new Search(new PocQuery(), null), Failure.Offline)).State;

        Assert.True(state.ShowOfflineBanner);
        Assert.Equal(ListSource.Cache, state.Source);
        Assert.Equal(Pocs.Noon.AddHours(-3), state.AsOf);
        Assert.Equal("Cached", Assert.Single(state.Items).Name);
        Assert.Equal(ListError.None, state.Error);
        Assert.False(state.CanLoadMore);
    }

    [Fact]
    public void OfflineWithNothingCachedSaysSo()
    {
        var state = page.Update(PocListState.Initial, new ListFailed(new Search(new PocQuery(), null), Failure.Offline)).State;

        Assert.Equal(ListError.OfflineNothingCached, state.Error);
        Assert.True(state.ShowOfflineBanner);
    }

    [Fact]
    public void TheServersAnswerReplacesTheCacheAndAnOlderSearchesAnswerIsIgnored()
    {
        var query = new PocQuery(Q: "fila", Tags: ["aws", "mensageria"], AllTags: true);
        var changed = page.Update(Online(Pocs.Poc("Old")), new SearchChanged(query));
        Assert.True(changed.HasEffect(new Search(query, null)));
        Assert.Empty(changed.State.Items);

        var stale = page.Update(changed.State, new ResultsArrived(new PocQuery(), Pocs.Page(null, Pocs.Poc("Stale")), Pocs.Noon, false)).State;
        Assert.Empty(stale.Items);

        var fresh = page.Update(stale, new ResultsArrived(query with { Tags = ["mensageria", "aws"] }, Pocs.Page(null, Pocs.Poc("Fila com SQS")), Pocs.Noon, false)).State;
        Assert.Equal("Fila com SQS", Assert.Single(fresh.Items).Name);
        Assert.Equal(ListSource.Server, fresh.Source);
        Assert.False(fresh.ShowOfflineBanner);
    }

    [Fact]
    public void LoadMoreAppendsTheNextPageWithoutDuplicates()
    {
        var first = Pocs.Poc("One");
        var state = Online(first);
        var more = page.Update(state, new LoadMoreTapped());
        Assert.True(more.HasEffect(new Search(new PocQuery(), "c1")));
        Assert.Empty(page.Update(more.State, new LoadMoreTapped()).Effects); // already loading

        var after = page.Update(more.State, new ResultsArrived(new PocQuery(), Pocs.Page(null, first, Pocs.Poc("Two")), Pocs.Noon, true)).State;
        Assert.Equal(["One", "Two"], after.Items.Select(p => p.Name));
        Assert.False(after.CanLoadMore);
    }

    [Fact]
    public void BackOnlineItSendsTheQueueAndSearchesAgain()
    {
        var offline = page.Update(Online(Pocs.Poc("A")), new ConnectivityChanged(false)).State;
        Assert.True(offline.ShowOfflineBanner);

        var back = page.Update(offline, new ConnectivityChanged(true));
        Assert.True(back.HasEffect(new SendPending()));
        Assert.True(back.HasEffect(new Search(new PocQuery(), null)));
        Assert.Empty(page.Update(back.State, new ConnectivityChanged(true)).Effects); // already online: nothing again
    }

    [Fact]
    public void PullToRefreshSearchesAgain() =>
        Assert.True(page.Update(Online(), new RefreshPulled()).HasEffect(new Search(new PocQuery(), null)));

    [Fact]
    public void ASignedOutFailureAsksForTheSignInPageAndARefusalShowsItsTitle()
    {
        Assert.True(page.Update(PocListState.Initial, new ListFailed(new Search(new PocQuery(), null), Failure.SignedOut)).State.SignedOut);
        var refused = page.Update(PocListState.Initial, new ListFailed(new Search(new PocQuery(), null), Failure.Of(Problems.Answer(HttpStatusCode.BadRequest, "Bad sort")))).State;
        Assert.Equal((ListError.Refused, "Bad sort"), (refused.Error, refused.ProblemTitle));
    }

    [Theory]
    [InlineData(null, "relevance", "newest")]
    [InlineData("fila", "relevance", "relevance")]
    [InlineData(null, "name", "name")]
    public void RelevanceIsOnlyAskedForWithFreeText(string? q, string sort, string sent) =>
        Assert.Equal(sent, new PocQuery(Q: q, Sort: sort).SortForServer);

    [Fact]
    public void TagModeAllIsSentOnlyWithMoreThanOneTag()
    {
        Assert.Equal(("aws,sqs", "all"), (new PocQuery(Tags: ["aws", "sqs"], AllTags: true).ToFilters().Tags, new PocQuery(Tags: ["aws", "sqs"], AllTags: true).ToFilters().TagMode));
        Assert.Null(new PocQuery(Tags: ["aws"], AllTags: true).ToFilters().TagMode);
    }
}
