using Microsoft.Maui.Networking;

namespace PocTracker.Mobile.Platform;

/// <summary>
/// Whether the phone has a network, from MAUI's <see cref="Connectivity"/>. The list and detail components subscribe
/// and dispatch their page's <c>ConnectivityChanged</c> message: the core then shows the offline banner, and sends
/// the offline queue once the network is back.
/// </summary>
public sealed class ConnectivityWatch
{
    private int started;

    public event Action<bool>? Changed;

    public static bool Online => Connectivity.Current.NetworkAccess == NetworkAccess.Internet;

    public void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            Connectivity.Current.ConnectivityChanged += (_, e) => Changed?.Invoke(e.NetworkAccess == NetworkAccess.Internet);
        }
    }
}
