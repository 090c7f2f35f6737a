using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

public sealed class HubTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DojoHost Host => fixture.Host;

    [Fact]
    public async Task Clients_typing_concurrently_converge_on_the_servers_text_with_every_acknowledged_edit_stored()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        TestUser[] users = [owner, owner.Colleague(), owner.Colleague(), owner];
        var clients = new List<SdkParticipant>();
        for (var i = 0; i < users.Length; i++)
        {
            clients.Add(await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(users[i]), roomId, $"client-{i}"));
        }

        try
        {
            await TypeConcurrentlyAsync(clients, editsEach: 40, seed: 20260601);
            var (revision, document) = await ConvergedAsync(clients, DojoHost.TokenFor(owner), roomId);

            Assert.All(clients, c => Assert.Empty(c.Errors));
            // An Operation or Ack out of revision order makes the SDK catch up (a rejoin): none may have.
            Assert.All(clients, c => Assert.Equal((0, 0), (c.Session.Rejoins, c.Session.Resets)));
            Assert.All(clients, c => Assert.Equal(document, c.Session.Text));
            Assert.Equal(revision, clients.Sum(c => c.Acks.Count));
            var acknowledged = clients.SelectMany(c => c.Acks.Select(a => (c.Session.ClientId, a.Seq, a.Revision))).Order().ToList();
            Assert.Equal(acknowledged, await StoredOperationsAsync(roomId));
            Assert.Equal(document, await ReplayStoredOperationsAsync(roomId));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_resubmitted_operation_is_acknowledged_again_with_its_revision_and_applied_once()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var submitter = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var watcher = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId, "watcher");

        var hello = JsonSerializer.SerializeToElement(TextOperation.Splice(0, 0, 0, "hello"));
        await submitter.SubmitAsync("resubmitter", 7L, 0, hello);
        await submitter.SubmitAsync("resubmitter", 7L, 0, hello);
        await submitter.WaitUntilAsync(c => c.Acks.Count == 2);
        await watcher.WaitUntilAsync(s => s.Revision == 1);
        watcher.Session.Apply(TextOperation.Splice(5, 5, 0, "!"));
        await watcher.WaitUntilAsync(s => s.IsSynchronized);

        Assert.Equal([(7L, 1), (7L, 1)], submitter.Acks);
        var (revision, document) = await ObserveAsync(DojoHost.TokenFor(owner), roomId);
        Assert.Equal((2, "hello!"), (revision, document));
        Assert.Equal("hello!", watcher.Session.Text);
    }

    [Fact]
    public async Task Bad_input_is_refused_to_its_sender_only_and_the_room_goes_on()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var culprit = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        await using var other = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId, "other");
        other.Session.Apply(TextOperation.Splice(0, 0, 0, "abc"));
        await other.WaitUntilAsync(s => s.IsSynchronized);
        await culprit.WaitUntilAsync(c => c.Revision == 1);

        (object Operation, int Revision, string Code)[] cases =
        [
            (JsonSerializer.SerializeToElement(new object[] { 10, "x" }), 1, DojoErrorCodes.BaseLengthMismatch),
            (JsonSerializer.SerializeToElement(new object[] { 3, "x" }), 5, DojoErrorCodes.InvalidRevision),
            (JsonSerializer.SerializeToElement(new object[] { 3, "x" }), -1, DojoErrorCodes.InvalidRevision),
            (JsonSerializer.SerializeToElement(new object[] { 0, "x" }), 1, DojoErrorCodes.MalformedOperation),
            (JsonSerializer.SerializeToElement("not an operation"), 1, DojoErrorCodes.MalformedOperation),
            (JsonSerializer.SerializeToElement(new object[] { 3, "a\r\nb" }), 1, DojoErrorCodes.InvalidText),
            (JsonSerializer.SerializeToElement(new object[] { 3, "a\0b" }), 1, DojoErrorCodes.InvalidText),
            (JsonSerializer.SerializeToElement(new object[] { 3, "a\uFFFFb" }), 1, DojoErrorCodes.InvalidText),
            (JsonSerializer.SerializeToElement(new object[] { 3, "\uFDD0" }), 1, DojoErrorCodes.InvalidText),
            (JsonSerializer.SerializeToElement(new object[] { 3, "\uD83F\uDFFE" }), 1, DojoErrorCodes.InvalidText),
            (JsonSerializer.SerializeToElement(new object[] { 3, new string('x', DojoHost.MaxInsertLength + 1) }), 1, DojoErrorCodes.OperationTooLarge),
        ];
        var seq = 0L;
        foreach (var (operation, revision, code) in cases)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => culprit.SubmitAsync("culprit", seq++, revision, operation));
            Assert.Contains($"[{code}]", error.Message, StringComparison.Ordinal);
        }

        // The document cap: grow it close to the limit in a few legal pastes, then one too many.
        var length = 3;
        while (length + DojoHost.MaxInsertLength <= DojoHost.MaxDocumentLength)
        {
            other.Session.Apply(TextOperation.Splice(length, length, 0, new string('y', DojoHost.MaxInsertLength)));
            length += DojoHost.MaxInsertLength;
            await other.WaitUntilAsync(s => s.IsSynchronized);
        }

        await culprit.WaitUntilAsync(c => c.Revision == other.Session.Revision);
        var tooLong = JsonSerializer.SerializeToElement(new object[] { length, new string('z', DojoHost.MaxInsertLength) });
        var tooLarge = await Assert.ThrowsAsync<HubException>(() => culprit.SubmitAsync("culprit", 1000L, culprit.Revision, tooLong));
        Assert.Contains($"[{DojoErrorCodes.DocumentTooLarge}]", tooLarge.Message, StringComparison.Ordinal);

        // Everyone goes on: the other participant's next edit is accepted and reaches the culprit.
        other.Session.Apply(TextOperation.Splice(other.Session.Length, 0, 0, "!"));
        await other.WaitUntilAsync(s => s.IsSynchronized);
        await culprit.WaitUntilAsync(c => c.Document == other.Session.Text);
        Assert.Empty(other.Errors);
        Assert.StartsWith("!abc", other.Session.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_another_tenant_cannot_join_the_room()
    {
        var roomId = await Host.CreateRoomAsync(TestUser.NewTenantOwner());
        var stranger = TestUser.NewTenantOwner();
        await using var connection = await Host.ConnectAsync(DojoHost.TokenFor(stranger));

        var join = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel));
        Assert.Contains($"[{DojoErrorCodes.RoomNotFound}]", join.Message, StringComparison.Ordinal);
        var submit = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(DojoHubNames.Submit, roomId, "intruder", 0L, 0,
            JsonSerializer.SerializeToElement(new object[] { "pwned" }), Cancel));
        Assert.Contains($"[{DojoErrorCodes.NotJoined}]", submit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_dojo_token()
    {
        var user = TestUser.NewTenantOwner();
        await Assert.ThrowsAnyAsync<Exception>(() => Host.ConnectAsync(null));
        await Assert.ThrowsAnyAsync<Exception>(() => Host.ConnectAsync(TestTokens.For(user, audience: "pocs")));
    }

    [Fact]
    public async Task A_client_behind_the_retained_log_gets_the_document_instead()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var typist = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner), roomId, "typist");
        await using var sleeper = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId);
        var random = new Random(7);
        while (typist.Session.Revision < DojoHost.SnapshotEvery + DojoHost.RetainedOperations)
        {
            typist.TypeRandomEdit(random);
            await typist.WaitUntilAsync(s => s.IsSynchronized);
        }

        // Made on the empty document, long compacted away.
        await sleeper.SubmitAsync("sleeper", 0L, 0, JsonSerializer.SerializeToElement(new object[] { "late" }));
        await sleeper.WaitUntilAsync(c => c.Resyncs.Count == 1);

        Assert.Equal((typist.Session.Revision, typist.Session.Text), (sleeper.Resyncs[0].Revision, sleeper.Resyncs[0].Document));
        Assert.Empty(sleeper.Acks);
    }

    [Fact]
    public async Task A_closed_room_accepts_no_more_operations_and_cannot_be_joined()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        await using var client = await ProtocolClient.JoinAsync(Host, DojoHost.TokenFor(owner), roomId);
        using (var http = Host.ClientFor(owner))
        {
            (await http.PostAsync($"/api/dojo/rooms/{roomId}/close", null, Cancel)).EnsureSuccessStatusCode();
        }

        var submit = await Assert.ThrowsAsync<HubException>(() => client.SubmitAsync("closer", 0L, 0,
            JsonSerializer.SerializeToElement(new object[] { "x" })));
        Assert.Contains($"[{DojoErrorCodes.RoomClosed}]", submit.Message, StringComparison.Ordinal);
        await using var late = await Host.ConnectAsync(DojoHost.TokenFor(owner));
        var join = await Assert.ThrowsAsync<HubException>(() => late.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel));
        Assert.Contains($"[{DojoErrorCodes.RoomClosed}]", join.Message, StringComparison.Ordinal);
    }

    /// <summary>Each client types its edits with random pauses (seeded), all at once.</summary>
    internal static Task TypeConcurrentlyAsync(IReadOnlyList<SdkParticipant> clients, int editsEach, int seed) =>
        Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var random = new Random(seed + index);
            for (var i = 0; i < editsEach; i++)
            {
                client.TypeRandomEdit(random);
                // Pauses only spread the edits out so they overlap differently; nothing waits on them.
                await Task.Delay(random.Next(0, 4), Cancel);
            }
        }, Cancel)));

    /// <summary>Waits until every client has its edits acknowledged and has seen every other operation; returns the room's state.</summary>
    internal static async Task<(int Revision, string Document)> ConvergedAsync(IReadOnlyList<SdkParticipant> clients, string token, Guid roomId, DojoHost host)
    {
        await Task.WhenAll(clients.Select(c => c.WaitUntilAsync(s => s.IsSynchronized)));
        var room = await ObserveAsync(host, token, roomId);
        await Task.WhenAll(clients.Select(c => c.WaitUntilAsync(s => s.Revision == room.Revision)));
        return room;
    }

    /// <summary>The room's revision and document, as a newly joining connection sees them.</summary>
    internal static async Task<(int Revision, string Document)> ObserveAsync(DojoHost host, string token, Guid roomId)
    {
        await using var connection = await host.ConnectAsync(token);
        var joined = await connection.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel);
        return (joined.Revision, joined.Document);
    }

    private Task<(int Revision, string Document)> ConvergedAsync(IReadOnlyList<SdkParticipant> clients, string token, Guid roomId) =>
        ConvergedAsync(clients, token, roomId, Host);

    private Task<(int Revision, string Document)> ObserveAsync(string token, Guid roomId) => ObserveAsync(Host, token, roomId);

    private async Task<List<(string ClientId, long Seq, int Revision)>> StoredOperationsAsync(Guid roomId)
    {
        await using var connection = await OpenAdminAsync(fixture.Postgres, Host);
        await using var command = new NpgsqlCommand("select client_id, seq, revision from room_operations where room_id = @r", connection);
        command.Parameters.AddWithValue("r", roomId);
        var rows = new List<(string, long, int)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
        }

        return [.. rows.Order()];
    }

    private async Task<string> ReplayStoredOperationsAsync(Guid roomId)
    {
        await using var connection = await OpenAdminAsync(fixture.Postgres, Host);
        await using var command = new NpgsqlCommand("select operation::text from room_operations where room_id = @r order by revision", connection);
        command.Parameters.AddWithValue("r", roomId);
        var document = "";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            document = JsonSerializer.Deserialize<TextOperation>(reader.GetString(0))!.Apply(document);
        }

        return document;
    }

    /// <summary>A connection as the PostgreSQL superuser, to look at what was really written.</summary>
    internal static async Task<NpgsqlConnection> OpenAdminAsync(PostgresServerFixture postgres, DojoHost host)
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres.Server.AdminConnectionString)
        {
            Database = new NpgsqlConnectionStringBuilder(host.Database.App).Database,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(Cancel);
        return connection;
    }
}
