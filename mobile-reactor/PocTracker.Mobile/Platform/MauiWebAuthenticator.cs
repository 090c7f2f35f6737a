using Microsoft.Maui.ApplicationModel;
using Microsoft.Maui.Authentication;
using PocTracker.Mobile.Core.Server;

namespace PocTracker.Mobile.Platform;

/// <summary>
/// Opens the identity app's login page in the system browser (Custom Tabs on Android, ASWebAuthenticationSession on
/// iOS) and waits for it to come back to <c>br.dev.poctracker://callback</c>. The core builds the authorization
/// request (code + PKCE, client <c>poctracker-mobile</c>: <see cref="SignInApi"/>) and reads the code from the
/// callback; this only carries the browser there and back. The person closing the browser is WebAuthenticator's
/// <see cref="TaskCanceledException"/>, left to go: the sign-in page takes it as "cancelled", not as a failure.
/// Android needs <c>Platforms/Android/WebAuthenticationCallbackActivity</c> for the scheme, iOS the scheme in
/// Info.plist's CFBundleURLTypes.
/// </summary>
public sealed class MauiWebAuthenticator : IWebAuthenticator
{
    public async Task<Uri> AuthenticateAsync(Uri authorizeUrl, Uri callbackUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        ArgumentNullException.ThrowIfNull(callbackUri);
        var result = await MainThread.InvokeOnMainThreadAsync(() => WebAuthenticator.Default.AuthenticateAsync(new WebAuthenticatorOptions
        {
            Url = authorizeUrl,
            CallbackUrl = callbackUri,
            // No session shared with the phone's browser: signing in here never signs someone in there (iOS only).
            PrefersEphemeralWebBrowserSession = true,
        })).ConfigureAwait(false);

        return result.CallbackUri ?? Rebuild(callbackUri, result.Properties);
    }

    /// <summary>The callback with the query WebAuthenticator parsed, where the platform does not hand back the URI itself.</summary>
    private static Uri Rebuild(Uri callback, IDictionary<string, string> properties) =>
        new(callback.OriginalString + "?" + string.Join('&', properties.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
}
