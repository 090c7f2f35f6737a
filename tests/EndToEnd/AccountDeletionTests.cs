using System.Net;
using PocTracker.Contracts.Pocs;
using PocTracker.EndToEnd.People;
using PocTracker.Sdk.Problems;

namespace PocTracker.EndToEnd;

/// <summary>
/// LGPD erasure across apps: the identity app deletes the account and publishes <c>UserDeletedIntegrationEvent</c>;
/// the pocs app deletes the person's private POCs and hands their shared ones to the organisation's owner, the video
/// app deletes their videos. Seen from outside, through the APIs, as it happens: later, through the event.
/// </summary>
public sealed class AccountDeletionTests(ProductUnderTest product)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Deleting_a_members_account_reaches_pocs_and_video_through_the_event()
    {
        using var owner = await Organisation.SignUpAsync(product, "Família Silva");
        using var member = await Organisation.InviteAsync(product, owner, "member", "Bruno Member");
        Assert.Equal(("member", owner.TenantId), (member.Me.Role, member.TenantId));

        var privatePoc = await member.Pocs.CreateAsync(new PocWriteRequest { Name = "Diário pessoal", Visibility = "private" });
        var sharedPoc = await member.Pocs.CreateAsync(new PocWriteRequest { Name = "Biblioteca do time", Visibility = "tenant" });
        var video = await member.Videos.WaitAsync((await member.Videos.RequestAsync()).Id, VideoTests.VideoTimeout);
        Assert.Equal("succeeded", video.Status);

        // Owners see every POC of the organisation, the member's private one too.
        Assert.Equal(member.Id, (await owner.Pocs.GetAsync(privatePoc.Id)).OwnerId);
        Assert.Equal(member.Id, (await owner.Pocs.GetAsync(sharedPoc.Id)).OwnerId);

        // The password again: a token alone cannot delete an account.
        var wrong = await Assert.ThrowsAsync<PocTrackerProblemException>(() => member.Identity.DeleteMyAccountAsync("not the password"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        await member.Identity.DeleteMyAccountAsync(member.Password);

        // The identity app knows the account no more at once (its tokens name nobody)...
        var gone = await Assert.ThrowsAsync<PocTrackerProblemException>(() => member.Identity.GetMeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, gone.Status);

        // ...and the other apps follow through the event: the private POC is gone, the shared one is the owner's now,
        // the member's video (and its film) is gone. The member's access token is still a valid JWT for a few minutes,
        // which is what lets it ask the video app about its own video.
        await Eventually.HoldsAsync(async () => await StatusOf(() => owner.Pocs.GetAsync(privatePoc.Id)) == HttpStatusCode.NotFound,
            EventTimeout, "the member's private POC deleted");
        await Eventually.HoldsAsync(async () => (await owner.Pocs.GetAsync(sharedPoc.Id)).OwnerId == owner.Id,
            EventTimeout, "the member's shared POC handed to the owner");
        await Eventually.HoldsAsync(async () => await StatusOf(() => member.Videos.GetAsync(video.Id)) == HttpStatusCode.NotFound,
            EventTimeout, "the member's video deleted");
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(() => member.Videos.OpenContentAsync(video.Id)));
        Assert.Equal(sharedPoc.Id, Assert.Single((await owner.Pocs.SearchAsync(new PocSearchFilters())).Items).Id);
    }

    private static async Task<HttpStatusCode> StatusOf<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return HttpStatusCode.OK;
        }
        catch (PocTrackerProblemException problem)
        {
            return problem.Status;
        }
    }
}
