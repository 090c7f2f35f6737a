using PocTracker.Contracts.Dojo;
using PocTracker.Contracts.Pocs;
using PocTracker.Dojo.Ot;
using PocTracker.EndToEnd.People;
using PocTracker.Sdk.Dojo;

namespace PocTracker.EndToEnd;

/// <summary>A dojo room over the realtime hub: two SDK editors converge, and the room's document is kept on its POC.</summary>
public sealed class DojoTests(ProductUnderTest product)
{
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_editors_in_one_room_converge_and_the_document_is_saved_to_the_rooms_poc()
    {
        using var owner = await Organisation.SignUpAsync(product, "Dojo Club");
        var poc = await owner.Pocs.CreateAsync(new PocWriteRequest { Name = "Kata de bolso", Language = "csharp" });
        var room = await owner.Rooms.CreateAsync(new CreateRoomRequest("Kata", "csharp", poc.Id));
        Assert.Equal(room.Id, (await owner.Rooms.GetAsync(room.Id)).Id);

        await using var first = await ConnectAsync(owner);
        await using var second = await ConnectAsync(owner);
        var left = await first.JoinAsync(room.Id);
        var right = await second.JoinAsync(room.Id);
        using var deadline = new CancellationTokenSource(ConvergenceTimeout);

        left.Replace("class Kata\n{\n}\n");
        await right.WaitUntilAsync(s => s.Text == "class Kata\n{\n}\n", deadline.Token);

        // Both type at once, each without waiting for the other's edits to arrive: the room orders them, both converge.
        for (var i = 0; i < 5; i++)
        {
            left.Edit(text => new TextOperationBuilder().Insert($"// left {i}\n").Retain(text.Length).Build());
            right.Edit(text => new TextOperationBuilder().Retain(text.Length).Insert($"// right {i}\n").Build());
        }

        static bool HasAll(DojoSession s) =>
            s.IsSynchronized && Enumerable.Range(0, 5).All(i => s.Text.Contains($"// left {i}\n", StringComparison.Ordinal) && s.Text.Contains($"// right {i}\n", StringComparison.Ordinal));
        await left.WaitUntilAsync(HasAll, deadline.Token);
        await right.WaitUntilAsync(HasAll, deadline.Token);

        // Each now holds every edit (each inserted a text of its own) with none of its own unacknowledged: the same operations, in the room's order.
        Assert.Equal(left.Text, right.Text);
        Assert.Equal(left.Revision, right.Revision);
        Assert.Contains("class Kata\n{\n}\n", left.Text, StringComparison.Ordinal);

        var note = await owner.Rooms.SaveToPocAsync(room.Id);
        var kept = await owner.Pocs.GetCodeNoteAsync(poc.Id, note.Id);
        Assert.Equal(left.Text, kept.Content);
        Assert.Equal(note.Id, Assert.Single(await owner.Pocs.ListCodeNotesAsync(poc.Id)).Id);
    }

    private static async Task<DojoConnection> ConnectAsync(Person person)
    {
        var connection = new DojoConnection(new DojoConnectionOptions
        {
            ServerAddress = person.Server,
            AccessTokenProvider = () => Task.FromResult<string?>(person.Tokens.AccessToken),
        });
        await connection.StartAsync();
        return connection;
    }
}
