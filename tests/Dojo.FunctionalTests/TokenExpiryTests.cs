using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using PocTracker.Contracts.Dojo;
using PocTracker.Dojo.Ot;
using PocTracker.Sdk.Dojo;
using PocTracker.TestSupport;

namespace PocTracker.Dojo.FunctionalTests;

/// <summary>
/// A hub connection lives no longer than its access token: the server closes it when the token
/// expires (SignalR's <c>CloseOnAuthenticationExpiration</c>), the SDK reconnects with a fresh token
/// from its provider and goes on without losing an edit, and a provider that has no token any more
/// (a deactivated member, whose refresh is refused) ends the connection with a clear error.
/// </summary>
/// <remarks>
/// The expiring tokens are minted already past their expiry but inside the validation's clock skew
/// (<c>Auth:ClockSkew</c>, 30 s): the hub accepts them, and closes the connection at its next scan of
/// connections (once a second); the bare connection's token instead runs out seconds after it is made, so the
/// handshake is over before the close.
/// </remarks>
public sealed class TokenExpiryTests(DojoFixture fixture) : IClassFixture<DojoFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DojoHost Host => fixture.Host;

    [Fact]
    public async Task The_server_closes_a_hub_connection_whose_token_expired_and_lets_the_client_reconnect()
    {
        var reconnecting = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = await ConnectBeforeExpiryAsync(TestUser.NewTenantOwner());
        connection.Reconnecting += error =>
        {
            reconnecting.TrySetResult(error);
            return Task.CompletedTask;
        };
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        if (connection.State == HubConnectionState.Reconnecting)
        {
            reconnecting.TrySetResult(null); // closed before the handler was attached
        }

        var ended = await Task.WhenAny(reconnecting.Task, closed.Task).WaitAsync(Deadline, Cancel);

        // Reconnecting, not Closed: the server's close for expiry allows a reconnect, so a client
        // treats it as a dropped connection and comes back with a fresh token.
        Assert.Same(reconnecting.Task, ended);
        Assert.Null(await reconnecting.Task);
        Assert.Equal(HubConnectionState.Reconnecting, connection.State);
    }

    [Fact]
    public async Task An_SDK_editor_whose_token_expires_reconnects_with_a_fresh_one_and_keeps_every_edit()
    {
        var owner = TestUser.NewTenantOwner();
        var roomId = await Host.CreateRoomAsync(owner);
        var expiring = new ExpiringTokens(owner);
        await using var renewing = await SdkParticipant.JoinAsync(Host, expiring.NextAsync, roomId, "renewing");
        await using var steady = await SdkParticipant.JoinAsync(Host, DojoHost.TokenFor(owner.Colleague()), roomId, "steady");
        var typists = new[] { new MarkedTypist("renewing", new Random(1)), new MarkedTypist("steady", new Random(2)) };

        // Both type while the renewing editor's connection is dropped, comes back on a token that has
        // expired (the server closes that connection) and comes back again on a fresh one.
        var reconnectedOnAFreshToken = expiring.HandedOut(3);
        var typing = Task.WhenAll(
            TypeAsync(renewing, typists[0], until: reconnectedOnAFreshToken, dropAfter: 10),
            TypeAsync(steady, typists[1], until: reconnectedOnAFreshToken, dropAfter: null));
        await typing.WaitAsync(Deadline, Cancel);

        var (_, document) = await ConvergenceTests.QuiescentAsync([renewing, steady], DojoHost.TokenFor(owner), roomId, Host);
        Assert.Empty(renewing.Errors);
        Assert.Empty(steady.Errors);
        Assert.Equal((0, 0), (renewing.Session.Resets, steady.Session.Resets));
        Assert.True(renewing.Session.Rejoins >= 1, $"{renewing.Session.Rejoins} rejoins");
        Assert.Equal(document, renewing.Session.Text);
        Assert.Equal(document, steady.Session.Text);
        foreach (var marker in typists.SelectMany(t => t.Markers))
        {
            Assert.Equal(1, document.Split(marker).Length - 1);
        }
    }

    [Fact]
    public async Task An_SDK_connection_whose_provider_has_no_token_any_more_ends_with_an_unauthorized_error_and_keeps_the_edits()
    {
        var member = TestUser.NewTenantOwner().Colleague();
        var roomId = await Host.CreateRoomAsync(member);
        var handedOut = 0;
        Task<string?> Tokens() => Interlocked.Increment(ref handedOut) switch
        {
            1 => Task.FromResult<string?>(DojoHost.TokenFor(member)),
            2 => Task.FromResult<string?>(ExpiredWithinSkew(member)),
            _ => throw new InvalidOperationException("The refresh token was refused: the member was deactivated."),
        };
        await using var editor = await SdkParticipant.JoinAsync(Host, Tokens, roomId, "deactivated");
        var ended = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        editor.Session.Error += (_, error) => ended.TrySetResult(error);
        editor.Session.Apply(TextOperation.Splice(0, 0, 0, "before"));
        await editor.Session.WaitUntilAsync(s => s.IsSynchronized, Cancel).WaitAsync(Deadline, Cancel);

        editor.Drop(); // back on the expired token, which the server then closes; the next token cannot be had
        editor.Session.Apply(TextOperation.Splice(6, 6, 0, " after"));
        var error = await ended.Task.WaitAsync(Deadline, Cancel);

        var refusal = Assert.IsType<DojoException>(error);
        Assert.Equal(DojoErrorCodes.Unauthorized, refusal.Code);
        Assert.Contains("member was deactivated", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, editor.Connection.State);
        Assert.Equal(3, handedOut); // asked once more after the expiry close, then no more
        Assert.Equal(("before after", false), (editor.Session.Text, editor.Session.IsJoined));
    }

    /// <summary>A dojo token whose expiry has passed but which the hub still accepts (clock skew): the server closes its connection at once.</summary>
    /// <summary>
    /// A connection (reconnecting after a drop, as the SDK's does) on a token that expires seconds later. The hub
    /// closes an expired connection at its once-a-second scan, which can fall inside the handshake: a machine slow
    /// enough to take that long gets another try, with a token that lives longer.
    /// </summary>
    private async Task<HubConnection> ConnectBeforeExpiryAsync(TestUser user)
    {
        for (var seconds = 2; ; seconds *= 2)
        {
            try
            {
                return await Host.ConnectAsync(TestTokens.For(user, audience: DojoModule.AppId, lifetime: TimeSpan.FromSeconds(seconds)),
                    builder => builder.WithAutomaticReconnect([TimeSpan.FromMinutes(10)]));
            }
            catch (HubException) when (seconds < 32)
            {
                // "Unable to complete handshake": the token ran out first.
            }
        }
    }

    private static string ExpiredWithinSkew(TestUser user) =>
        TestTokens.For(user, audience: DojoModule.AppId, lifetime: TimeSpan.FromSeconds(-5));

    private static async Task TypeAsync(SdkParticipant participant, MarkedTypist typist, Task until, int? dropAfter)
    {
        for (var i = 0; !until.IsCompleted || i < 40; i++)
        {
            participant.Session.Edit(typist.Next);
            if (i == dropAfter)
            {
                participant.Drop();
            }

            // Pacing only: the loop ends on the token count above, never on time.
            await Task.Delay(5, Cancel);
        }

        // A few more after the fresh token was handed out, so edits cross the last reconnect too.
        for (var i = 0; i < 10; i++)
        {
            participant.Session.Edit(typist.Next);
            await Task.Delay(5, Cancel);
        }
    }

    /// <summary>
    /// Hands out a long-lived token, then one that has expired (within the skew), then long-lived ones
    /// again; <see cref="HandedOut"/> completes when the n-th token has been handed out.
    /// </summary>
    private sealed class ExpiringTokens(TestUser user)
    {
        private readonly Lock gate = new();
        private readonly List<(int Count, TaskCompletionSource Done)> waiters = [];
        private int count;

        public Task<string?> NextAsync()
        {
            lock (gate)
            {
                count++;
                foreach (var waiter in waiters.Where(w => w.Count <= count))
                {
                    waiter.Done.TrySetResult();
                }

                return Task.FromResult<string?>(count == 2 ? ExpiredWithinSkew(user) : DojoHost.TokenFor(user));
            }
        }

        public Task HandedOut(int n)
        {
            lock (gate)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (count >= n)
                {
                    done.TrySetResult();
                }
                else
                {
                    waiters.Add((n, done));
                }

                return done.Task;
            }
        }
    }
}
