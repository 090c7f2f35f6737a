using Yarp.ReverseProxy.Forwarder;

namespace PocTracker.Gateway;

/// <summary>
/// YARP's client to the apps, with a connect timeout (<c>Gateway:ConnectTimeout</c>): a replica that is gone can
/// drop packets instead of refusing them, and the client would otherwise wait the whole activity timeout.
/// </summary>
internal sealed class GatewayHttpClientFactory(GatewaySettings settings) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = settings.ConnectTimeout;
    }
}
