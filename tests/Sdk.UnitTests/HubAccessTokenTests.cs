using System.Net;
using System.Net.WebSockets;
using PocTracker.Contracts.Dojo;
using PocTracker.Sdk.Dojo;

namespace PocTracker.Sdk.UnitTests;

/// <summary>Which failed connects end the reconnecting as <c>unauthorized</c>, and which are worth another try.</summary>
public sealed class HubAccessTokenTests
{
    // What ClientWebSocket throws when the upgrade is answered with another status (the SDK skips negotiation,
    // so a refused token arrives here); the functional tests meet the real one over a socket.
    private static WebSocketException UpgradeAnswered(int status) =>
        new(WebSocketError.NotAWebSocket, $"The server returned status code '{status}' when status code '101' was expected.");

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void A_refused_WebSocket_upgrade_however_SignalR_wrapped_it_is_final(int status)
    {
        var refusal = HubAccessToken.Refusal(new InvalidOperationException("Reconnect attempt failed.", UpgradeAnswered(status)));

        Assert.NotNull(refusal);
        Assert.Equal(DojoErrorCodes.Unauthorized, refusal.Code);
        Assert.Contains($"({status})", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_negotiate_is_final_too()
    {
        var refusal = HubAccessToken.Refusal(new HttpRequestException("No.", null, HttpStatusCode.Unauthorized));

        Assert.Equal(DojoErrorCodes.Unauthorized, refusal?.Code);
    }

    [Theory]
    [InlineData(404)] // a replica that does not have the hub yet
    [InlineData(502)] // the gateway found no replica
    [InlineData(503)]
    public void Other_upgrade_answers_and_dropped_sockets_are_tried_again(int status)
    {
        Assert.Null(HubAccessToken.Refusal(UpgradeAnswered(status)));
        Assert.Null(HubAccessToken.Refusal(new WebSocketException(WebSocketError.ConnectionClosedPrematurely)));
        Assert.Null(HubAccessToken.Refusal(new HttpRequestException("Connection refused.")));
    }
}
