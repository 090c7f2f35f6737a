using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Actors;
using Dapr.Actors.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Contracts.Dojo.Presence;
using PocTracker.Dojo.DistributedRoomHost;
using PocTracker.Dojo.Presence;
using PocTracker.Dojo.RoomHost;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.ActorTests;

public sealed class DaprModeFixture(PostgresServerFixture postgres) : IAsyncLifetime
{
    public DaprModeDojoHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = new DaprModeDojoHost(await postgres.NewDatabaseAsync("dojo_dapr"));
        _ = Host.Server;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// The dojo under a sidecar: rooms reached through actor proxies, accepted operations arriving from
/// pub/sub over HTTP and forwarded to this replica's SignalR connections in revision order.
/// </summary>
public sealed class DaprModeTests(DaprModeFixture fixture) : IClassFixture<DaprModeFixture>
{
    private readonly DaprModeDojoHost host = fixture.Host;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StoredOperation Op(int revision, string clientId = "other") =>
        new(revision, clientId, revision, TextOperation.Splice(revision - 1, revision - 1, 0, "x"));

    private static RoomOperationMessage Message(TestUser user, Guid roomId, StoredOperation op, string? submitter = null) =>
        new(user.TenantId, roomId, op.Revision, op.ClientId, op.Seq, op.Operation, submitter, op.Revision - 1);

    private async Task<(TestUser User, Guid RoomId, HubConnection Connection, Received Received)> JoinedAsync(int revision = 0)
    {
        host.Actor.ClearReceivedCalls();
        var user = TestUser.NewTenantOwner();
        var roomId = await host.CreateRoomAsync(user);
        host.Actor.JoinAsync().Returns(new ActorJoinResult(new RoomSnapshot(revision, new string('x', revision))));
        var connection = await host.ConnectAsync(user);
        var received = new Received(connection);
        var joined = await connection.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel);
        Assert.Equal((revision, new string('x', revision)), (joined.Revision, joined.Document));
        Assert.Equal(user.UserId, Assert.Single(joined.Participants).UserId);
        return (user, roomId, connection, received);
    }

    [Fact]
    public void Under_a_sidecar_rooms_are_hosted_by_actors()
    {
        Assert.IsType<ActorRoomHost>(host.Services.GetRequiredService<IRoomHost>());
    }

    [Fact]
    public async Task The_sidecar_learns_the_actor_type_and_the_fan_out_subscription_from_the_app()
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("dapr-api-token", DaprModeDojoHost.AppApiToken);

        var config = await client.GetFromJsonAsync<JsonElement>("/dapr/config", Cancel);
        var subscriptions = await client.GetFromJsonAsync<JsonElement>("/dapr/subscribe", Cancel);

        Assert.Contains("DojoRoomActor", config.GetProperty("entities").EnumerateArray().Select(e => e.GetString()));
        var listed = subscriptions.EnumerateArray()
            .Select(s => (s.GetProperty("pubsubName").GetString(), s.GetProperty("topic").GetString(), s.GetProperty("route").GetString())).ToList();
        Assert.Contains(("dojo-pubsub", "dojo-operations", "dojo/fan-out"), listed);
        Assert.Contains(("dojo-pubsub", "dojo-presence", "dojo/presence"), listed);
    }

    [Fact]
    public async Task Only_the_sidecar_may_call_the_actor_endpoints()
    {
        using var anonymous = host.CreateClient();
        var roomActor = $"/actors/DojoRoomActor/{Guid.NewGuid():N}:{Guid.NewGuid():N}/method/GetSnapshotAsync";

        using var config = await anonymous.GetAsync("/dapr/config", Cancel);
        using var method = await anonymous.PutAsync(roomActor, new StringContent(""), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, config.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, method.StatusCode);
    }

    [Fact]
    public async Task A_room_is_the_actor_named_by_its_tenant_and_id_and_another_tenant_cannot_reach_it()
    {
        var (user, roomId, connection, _) = await JoinedAsync(revision: 3);
        await using var _1 = connection;
        var stranger = TestUser.NewTenantOwner();
        await using var other = await host.ConnectAsync(stranger);

        var refused = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel));

        Assert.Contains("[room-not-found]", refused.Message, StringComparison.Ordinal);
        host.Proxies.Received().CreateActorProxy<IDojoRoomActor>(new ActorId($"{user.TenantId:N}:{roomId:N}"), "DojoRoomActor",
            Arg.Is<ActorProxyOptions>(o => o.UseJsonSerialization));
        host.Proxies.DidNotReceive().CreateActorProxy<IDojoRoomActor>(new ActorId($"{stranger.TenantId:N}:{roomId:N}"), Arg.Any<string>(), Arg.Any<ActorProxyOptions>());
        await host.Actor.Received(1).JoinAsync();
    }

    [Fact]
    public async Task Operations_from_pub_sub_reach_connections_in_revision_order_and_once()
    {
        var (user, roomId, connection, received) = await JoinedAsync();
        await using var _1 = connection;

        foreach (var revision in new[] { 2, 1, 1, 2, 3 })
        {
            using var response = await host.DeliverAsync(Message(user, roomId, Op(revision)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("SUCCESS", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        }

        Assert.Equal(["op 1", "op 2", "op 3"], await received.WaitForAsync(3));
        using var fourth = await host.DeliverAsync(Message(user, roomId, Op(4)));
        Assert.Equal(["op 1", "op 2", "op 3", "op 4"], await received.WaitForAsync(4)); // and no duplicate in between
    }

    [Fact]
    public async Task An_operation_published_by_reference_is_read_from_the_rooms_actor_and_reaches_connections_whole_and_in_order()
    {
        var (user, roomId, connection, received) = await JoinedAsync();
        await using var _1 = connection;
        // The operations as they arrive (the first handler registered decides how arguments bind: JsonElement).
        var operations = new List<TextOperation>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<Guid, JsonElement>(DojoHubNames.Operations, (_, arrived) =>
        {
            lock (operations)
            {
                operations.AddRange(arrived.EnumerateArray().Select(o => o.GetProperty("operation").Deserialize<TextOperation>()!));
                if (operations.Count == 2)
                {
                    both.TrySetResult();
                }
            }
        });
        var paste = new StoredOperation(1, "paster", 4, TextOperation.Splice(0, 0, 0, string.Concat(Enumerable.Repeat("a < b\n", 40_000))));
        host.Actor.GetOperationsAsync(new RevisionRange(1, 1)).Returns(Task.FromResult<IReadOnlyList<StoredOperation>?>([paste]));
        var reference = Message(user, roomId, paste).ForPublishing(DojoActorOptions.DefaultMaxInlineMessageBytes);
        Assert.True(reference.IsReference);

        using var second = await host.DeliverAsync(Message(user, roomId, Op(2)));   // inline, and first
        using var first = await host.DeliverAsync(reference);

        Assert.Equal("SUCCESS", (await first.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        Assert.Equal(["op 1", "op 2"], await received.WaitForAsync(2));
        await both.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Assert.True(operations[0] == paste.Operation, "The paste did not arrive whole."); // not Assert.Equal: 240,000 characters in a failure message
        Assert.Equal(Op(2).Operation, operations[1]);

        await host.Actor.Received(1).GetOperationsAsync(new RevisionRange(1, 1));
    }

    [Fact]
    public async Task Only_the_sidecar_may_deliver_and_an_unreadable_message_is_dropped_not_retried()
    {
        var (user, roomId, connection, received) = await JoinedAsync();
        await using var _1 = connection;

        using var anonymous = await host.DeliverAsync(Message(user, roomId, Op(1)), apiToken: null);
        using var garbage = await host.DeliverAsync(new { tenantId = user.TenantId, roomId, revision = 1, operation = "not an operation" });
        using var real = await host.DeliverAsync(Message(user, roomId, Op(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("DROP", (await garbage.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        Assert.Equal(["op 1"], await received.WaitForAsync(1));
    }

    [Fact]
    public async Task The_submitters_ack_never_overtakes_a_lower_revision_still_coming_through_pub_sub()
    {
        var (user, roomId, connection, received) = await JoinedAsync();
        await using var _1 = connection;
        var published = new TaskCompletionSource<RoomOperationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Publisher.PublishAsync(Arg.Any<RoomOperationMessage>(), Arg.Any<CancellationToken>())
            .Returns(call => { published.TrySetResult(call.Arg<RoomOperationMessage>()); return Task.CompletedTask; });
        // Another replica's client was accepted as revision 1; ours, made on revision 0, became 2.
        var mine = new StoredOperation(2, "me", 5, TextOperation.Splice(1, 0, 0, "y"));
        host.Actor.SubmitManyAsync(Arg.Any<IReadOnlyList<ActorSubmission>>()).Returns([new ActorSubmitResult(ActorSubmitOutcome.Accepted, mine, 2)]);

        var submit = connection.InvokeAsync(DojoHubNames.Submit, roomId, "me", 5L, 0, TextOperation.Splice(0, 0, 0, "y"), Cancel);
        var message = await published.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        // The submitting connection's id (the client does not know it without negotiation) goes along for its replica.
        Assert.Equal(new RoomOperationMessage(user.TenantId, roomId, 2, "me", 5, mine.Operation, null, 0), message with { SubmitterConnectionId = null });
        Assert.False(string.IsNullOrEmpty(message.SubmitterConnectionId));
        Assert.False(submit.IsCompleted); // it cannot complete before revision 1 is forwarded here
        using var first = await host.DeliverAsync(Message(user, roomId, Op(1)));
        await submit.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        using var echo = await host.DeliverAsync(message); // our own, back through pub/sub: a duplicate
        using var third = await host.DeliverAsync(Message(user, roomId, Op(3)));

        Assert.Equal(["op 1", "ack 5 at 2", "op 3"], await received.WaitForAsync(3));
        await host.Actor.Received(1).SubmitManyAsync(Arg.Is<IReadOnlyList<ActorSubmission>>(s => s.SequenceEqual(new[] { new ActorSubmission("me", 5, 0, TextOperation.Splice(0, 0, 0, "y")) })));
    }

    [Fact]
    public async Task Submissions_arriving_while_the_rooms_actor_call_runs_go_to_the_actor_together_in_the_next_call()
    {
        var (user, roomId, first, received) = await JoinedAsync();
        await using var _1 = first;
        await using var second = await host.ConnectAsync(user);
        await second.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel);
        await using var third = await host.ConnectAsync(user);
        await third.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel);
        var calls = new List<IReadOnlyList<ActorSubmission>>();
        var firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Actor.SubmitManyAsync(Arg.Any<IReadOnlyList<ActorSubmission>>()).Returns(async call =>
        {
            var batch = call.Arg<IReadOnlyList<ActorSubmission>>();
            int before;
            lock (calls)
            {
                before = calls.Sum(c => c.Count);
                calls.Add(batch);
            }

            if (before == 0)
            {
                firstCall.TrySetResult();
                await release.Task;
            }

            return (IReadOnlyList<ActorSubmitResult>)[.. batch.Select((s, i) => new ActorSubmitResult(ActorSubmitOutcome.Accepted, Op(before + i + 1, s.ClientId) with { Seq = s.Seq }, before + i + 1))];
        });
        var key = new RoomKey(user.TenantId, roomId);
        var roomHost = (ActorRoomHost)host.Services.GetRequiredService<IRoomHost>();

        var a = first.InvokeAsync(DojoHubNames.Submit, roomId, "a", 1L, 0, TextOperation.Splice(0, 0, 0, "x"), Cancel);
        await firstCall.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var b = second.InvokeAsync(DojoHubNames.Submit, roomId, "b", 1L, 0, TextOperation.Splice(0, 0, 0, "x"), Cancel);
        var c = third.InvokeAsync(DojoHubNames.Submit, roomId, "c", 1L, 0, TextOperation.Splice(0, 0, 0, "x"), Cancel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (roomHost.Queued(key) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The two submissions never queued behind the first call.");
            await Task.Delay(10, Cancel); // polling the queue, the signal there is
        }

        release.SetResult();
        await Task.WhenAll(a, b, c).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(2, calls.Count);
        Assert.Equal(["b", "c"], calls[1].Select(s => s.ClientId).Order());
        // The first submitter: its Ack, then the other two in one Operations message.
        Assert.Equal(["ack 1 at 1", "op 2", "op 3"], await received.WaitForAsync(3));
    }

    [Fact]
    public async Task A_failed_publish_does_not_take_back_a_stored_operation_from_its_submitter()
    {
        var (_, roomId, connection, received) = await JoinedAsync();
        await using var _1 = connection;
        host.Publisher.PublishAsync(Arg.Any<RoomOperationMessage>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new HttpRequestException("The sidecar is gone.")));
        var mine = new StoredOperation(1, "me", 1, TextOperation.Splice(0, 0, 0, "y"));
        host.Actor.SubmitManyAsync(Arg.Any<IReadOnlyList<ActorSubmission>>()).Returns([new ActorSubmitResult(ActorSubmitOutcome.Accepted, mine, 1)]);

        await connection.InvokeAsync(DojoHubNames.Submit, roomId, "me", 1L, 0, mine.Operation, Cancel);

        // Stored by the actor: acknowledged; the other replicas fill the gap from the actor.
        Assert.Equal(["ack 1 at 1"], await received.WaitForAsync(1));
    }

    [Fact]
    public async Task The_actors_refusals_resubmissions_and_resyncs_reach_the_submitter()
    {
        var (_, roomId, connection, received) = await JoinedAsync(revision: 2);
        await using var _1 = connection;
        var operation = TextOperation.Splice(2, 0, 0, "y");

        host.Actor.SubmitManyAsync(Arg.Any<IReadOnlyList<ActorSubmission>>())
            .Returns([new ActorSubmitResult(ActorSubmitOutcome.Refused, RefusedCode: DojoErrorCodes.BaseLengthMismatch, RefusedMessage: "No.")]);
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(DojoHubNames.Submit, roomId, "me", 1L, 2, operation, Cancel));
        host.Actor.SubmitManyAsync(Arg.Any<IReadOnlyList<ActorSubmission>>()).Returns([new ActorSubmitResult(ActorSubmitOutcome.Duplicate, Revision: 2)]);
        await connection.InvokeAsync(DojoHubNames.Submit, roomId, "me", 1L, 2, operation, Cancel);
        host.Actor.SubmitManyAsync(Arg.Any<IReadOnlyList<ActorSubmission>>())
            .Returns([new ActorSubmitResult(ActorSubmitOutcome.Resync, Revision: 2, Snapshot: new RoomSnapshot(2, "xx"))]);
        await connection.InvokeAsync(DojoHubNames.Submit, roomId, "me", 2L, 0, TextOperation.Splice(0, 0, 0, "y"), Cancel);

        Assert.Contains("[base-length-mismatch]", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["ack 1 at 2", "resync at 2"], await received.WaitForAsync(2));
        await host.Publisher.DidNotReceive().PublishAsync(Arg.Is<RoomOperationMessage>(m => m.RoomId == roomId), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_reconnecting_client_reads_what_it_missed_from_the_actors_log()
    {
        var (_, roomId, connection, _) = await JoinedAsync(revision: 3);
        await using var _1 = connection;
        host.Actor.GetOperationsSinceAsync(1).Returns(Task.FromResult<IReadOnlyList<StoredOperation>?>([Op(2), Op(3)]));
        host.Actor.GetOperationsSinceAsync(0).Returns(Task.FromResult<IReadOnlyList<StoredOperation>?>(null)); // behind the log

        var missed = await connection.InvokeAsync<IReadOnlyList<RoomOperation>>(DojoHubNames.ReadOperations, roomId, 1, Cancel);
        var tooOld = await connection.InvokeAsync<IReadOnlyList<RoomOperation>>(DojoHubNames.ReadOperations, roomId, 0, Cancel);

        Assert.Equal([new RoomOperation(2, "other", 2, Op(2).Operation), new RoomOperation(3, "other", 3, Op(3).Operation)], missed);
        Assert.Empty(tooOld); // a gap: the client starts over from the room's text
    }

    [Fact]
    public async Task Another_replicas_presence_arrives_over_pub_sub_reaches_the_room_here_and_is_listed_by_join()
    {
        var (user, roomId, connection, _) = await JoinedAsync();
        await using var _1 = connection;
        var arrived = new TaskCompletionSource<RoomParticipant>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<Guid, RoomParticipant>(DojoHubNames.Presence, (_, participant) => arrived.TrySetResult(participant));
        var bruno = new RoomParticipant(Guid.NewGuid(), "Bruno", new ParticipantPresence(0, [new PresenceSelection(0, 0)]));
        var own = host.Services.GetRequiredService<RoomPresence>().ReplicaId;
        PresenceRelayMessage From(string replica, RoomParticipant participant) => new(user.TenantId, roomId, replica, 1, participant);

        using var anonymous = await host.DeliverAsync(From("replica-b", bruno), apiToken: null, route: DojoActorsSetup.PresenceRoute);
        using var garbage = await host.DeliverAsync(new { tenantId = user.TenantId, roomId, replicaId = "replica-b", participant = "nobody" }, route: DojoActorsSetup.PresenceRoute);
        using var mine = await host.DeliverAsync(From(own, bruno with { Name = "an echo of this replica's own" }), route: DojoActorsSetup.PresenceRoute);
        using var delivered = await host.DeliverAsync(From("replica-b", bruno), route: DojoActorsSetup.PresenceRoute);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("DROP", (await garbage.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        Assert.Equal("SUCCESS", (await mine.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        Assert.Equal("SUCCESS", (await delivered.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        var received = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel); // the first Presence here: the echo was ignored
        Assert.Equal((bruno.UserId, "Bruno", 0), (received.UserId, received.Name, received.Presence!.Selections[0].Head));
        await using var second = await host.ConnectAsync(user);
        var joined = await second.InvokeAsync<RoomJoined>(DojoHubNames.Join, roomId, Cancel);
        Assert.Equal([user.UserId, bruno.UserId], joined.Participants.Select(p => p.UserId));
    }

    [Fact]
    public async Task This_replicas_presence_is_relayed_to_the_others()
    {
        var relayed = new System.Collections.Concurrent.ConcurrentQueue<PresenceRelayMessage>();
        // Not disposed: the substitute keeps answering with it after this test (later tests' rooms relay too).
        var published = new SemaphoreSlim(0);
        host.PresenceRelay.PublishAsync(Arg.Any<PresenceRelayMessage>(), Arg.Any<CancellationToken>())
            .Returns(call => { relayed.Enqueue(call.Arg<PresenceRelayMessage>()); published.Release(); return Task.CompletedTask; });

        var (user, roomId, connection, _) = await JoinedAsync();
        await using var _1 = connection;

        // Other tests' rooms may be relaying too (departures, refreshes): wait for this user's arrival.
        PresenceRelayMessage? message;
        while ((message = relayed.FirstOrDefault(m => m.Participant.UserId == user.UserId && !m.Refresh)) is null)
        {
            Assert.True(await published.WaitAsync(TimeSpan.FromSeconds(30), Cancel), "Nothing was relayed.");
        }

        Assert.Equal((user.TenantId, roomId, user.UserId, false), (message.TenantId, message.RoomId, message.Participant.UserId, message.Participant.Left));
        Assert.Equal(host.Services.GetRequiredService<RoomPresence>().ReplicaId, message.ReplicaId);
    }

    [Fact]
    public async Task Closing_a_room_closes_its_actor()
    {
        var (user, roomId, connection, _) = await JoinedAsync();
        await using var _1 = connection;
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DaprModeDojoHost.TokenFor(user));

        using var response = await client.PostAsync($"/api/dojo/rooms/{roomId}/close", null, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await host.Actor.Received(1).CloseAsync();
    }

    /// <summary>What a connection received, in order, as short strings.</summary>
    private sealed class Received
    {
        private readonly List<string> messages = [];
        private readonly SemaphoreSlim arrived = new(0);

        public Received(HubConnection connection)
        {
            connection.On<Guid, long, int>(DojoHubNames.Ack, (_, seq, revision) => Add($"ack {seq} at {revision}"));
            connection.On<Guid, JsonElement>(DojoHubNames.Operations, (_, operations) =>
            {
                foreach (var operation in operations.EnumerateArray())
                {
                    Add($"op {operation.GetProperty("revision").GetInt32()}");
                }
            });
            connection.On<Guid, RoomSnapshot>(DojoHubNames.Resync, (_, snapshot) => Add($"resync at {snapshot.Revision}"));
        }

        /// <summary>Waits until at least <paramref name="count"/> messages have arrived and returns them all.</summary>
        public async Task<List<string>> WaitForAsync(int count)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (true)
            {
                lock (messages)
                {
                    if (messages.Count >= count)
                    {
                        return [.. messages];
                    }
                }

                await arrived.WaitAsync(timeout.Token);
            }
        }

        private void Add(string message)
        {
            lock (messages)
            {
                messages.Add(message);
            }

            arrived.Release();
        }
    }
}
