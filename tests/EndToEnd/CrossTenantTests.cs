using System.Net;
using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;
using PocTracker.EndToEnd.People;
using PocTracker.Sdk.Dojo;
using PocTracker.Sdk.Problems;
using PocTracker.Sdk.Reports;

namespace PocTracker.EndToEnd;

/// <summary>Another organisation's things do not exist for you: 404, never 403, on every app.</summary>
public sealed class CrossTenantTests(ProductUnderTest product)
{
    [Fact]
    public async Task A_second_organisation_gets_404_for_the_first_ones_poc_room_report_job_and_video()
    {
        using var first = await Organisation.SignUpAsync(product, "Primeira");
        using var second = await Organisation.SignUpAsync(product, "Segunda");
        var poc = await first.Pocs.CreateAsync(new PocWriteRequest { Name = "Segredo industrial", Tags = ["segredo"] });
        var room = await first.Rooms.CreateAsync(new CreateRoomRequest("Sala fechada", "csharp", poc.Id));
        var job = await first.Reports.StartAsync(ReportsClient.Csv, new PocSearchFilters());
        var video = await first.Videos.RequestAsync();

        await AssertNotFound(() => second.Pocs.GetAsync(poc.Id));
        await AssertNotFound(() => second.Pocs.UpdateAsync(poc.Id, poc.Version, new PocWriteRequest { Name = "Taken over" }));
        await AssertNotFound(() => second.Pocs.DeleteAsync(poc.Id));
        await AssertNotFound(() => second.Pocs.ListCodeNotesAsync(poc.Id));
        await AssertNotFound(() => second.Rooms.GetAsync(room.Id));
        await AssertNotFound(() => second.Rooms.SaveToPocAsync(room.Id));
        await AssertNotFound(() => second.Reports.GetJobAsync(job.Id));
        await AssertNotFound(() => second.Videos.GetAsync(video.Id));
        await AssertNotFound(() => second.Videos.OpenContentAsync(video.Id));

        // The hub too: joining the first organisation's room is refused as a room that does not exist.
        await using var connection = new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = second.Server,
            AccessTokenProvider = () => Task.FromResult<string?>(second.Tokens.AccessToken),
        });
        await connection.StartAsync();
        var refused = await Assert.ThrowsAsync<DojoException>(() => connection.JoinAsync(room.Id));
        Assert.Equal(DojoErrorCodes.RoomNotFound, refused.Code);

        // Nothing of the first shows in the second's lists and searches; the first still has all of it.
        Assert.Empty((await second.Pocs.SearchAsync(new PocSearchFilters { Tags = "segredo" })).Items);
        Assert.Empty(await second.Rooms.ListAsync());
        Assert.Empty(await second.Videos.ListAsync());
        Assert.Equal(poc.Id, (await first.Pocs.GetAsync(poc.Id)).Id);
        Assert.Equal(job.Id, (await first.Reports.GetJobAsync(job.Id)).Id);
        Assert.Equal(video.Id, (await first.Videos.GetAsync(video.Id)).Id);
    }

    private static async Task AssertNotFound(Func<Task> call)
    {
        var problem = await Assert.ThrowsAsync<PocTrackerProblemException>(call);
        Assert.Equal(HttpStatusCode.NotFound, problem.Status);
    }
}
