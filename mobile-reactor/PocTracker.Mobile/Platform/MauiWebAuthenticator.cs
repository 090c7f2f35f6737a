using Microsoft.Maui.Authentication;
using PocTracker.Mobile.Core.SignIn;

namespace PocTracker.Mobile.Platform;

/// <summary>
/// Opens the identity app's login page in the system browser (Custom Tabs on Android, ASWebAuthenticationSession on
/// iOS) and waits for it to come back to <c>br.dev.poctracker://callback</c>. The core builds the authorization
/// request (code + PKCE, client <c>poctracker-mobile</c>) and reads the code from the callback; this only carries the
/// browser there and back. Android needs <c>Platforms/Android/WebAuthenticationCallbackActivity</c> for the scheme,
/// iOS the scheme in Info.plist's CFBundleURLTypes.
/// </summary>
public sealed class MauiWebAuthenticator : IWebAuthenticator
{
    /// <summary>The callback URI the browser came back with (with its <c>code</c> and <c>state</c>), or null when the person closed the browser.</summary>
    public async Task<Uri?> AuthenticateAsync(Uri url, Uri callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(callback);
        try
        {
            var result = await MainThread.InvokeOnMainThreadAsync(() => WebAuthenticator.Default.AuthenticateAsync(new WebAuthenticatorOptions
            {
                Url = url,
                CallbackUrl = callback,
                // No session shared with the phone's browser: signing in here never signs someone in there (iOS only).
                PrefersEphemeralWebBrowserSession = true,
            })).ConfigureAwait(false);

            return result.CallbackUri ?? Rebuild(callback, result.Properties);
        }
        catch (TaskCanceledException)
        {
            // WebAuthenticator's way of saying the person closed the browser: the core's "cancelled", not a failure.
            return null;
        }
    }

    /// <summary>The callback with the query WebAuthenticator parsed, where the platform does not hand back the URI itself.</summary>
    private static Uri Rebuild(Uri callback, IDictionary<string, string> properties) =>
        new(callback.OriginalString + "?" + string.Join('&', properties.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
}
