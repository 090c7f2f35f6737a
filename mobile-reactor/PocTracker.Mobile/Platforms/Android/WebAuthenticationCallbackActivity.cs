using Android.App;
using Android.Content;
using Android.Content.PM;

namespace PocTracker.Mobile;

/// <summary>
/// Receives <c>br.dev.poctracker://callback?code=…&amp;state=…</c> when the identity app sends the browser back, and
/// hands it to MAUI's WebAuthenticator (which completes the AuthenticateAsync the sign-in page is waiting on).
/// </summary>
[Activity(NoHistory = true, LaunchMode = LaunchMode.SingleTop, Exported = true)]
[IntentFilter(
    new[] { Intent.ActionView },
    Categories = new[] { Intent.CategoryDefault, Intent.CategoryBrowsable },
    DataScheme = CallbackScheme,
    DataHost = "callback")]
public class WebAuthenticationCallbackActivity : Microsoft.Maui.Authentication.WebAuthenticatorCallbackActivity
{
    private const string CallbackScheme = "br.dev.poctracker";
}
