using Microsoft.JSInterop;

namespace PocTracker.Web.Shell;

/// <summary>
/// Files and text leaving the app through the browser: a download the person saves (a Blob behind an
/// <c>&lt;a download&gt;</c>, so a token-protected API answer becomes an ordinary download) and the clipboard.
/// </summary>
public sealed class BrowserFiles(IJSRuntime js)
{
    /// <summary>Offers <paramref name="content"/> as a download named <paramref name="fileName"/>.</summary>
    public ValueTask SaveAsync(string fileName, string contentType, byte[] content) =>
        js.InvokeVoidAsync("pocTracker.files.save", fileName, contentType, content);

    /// <summary>Copies <paramref name="text"/> to the clipboard; false when the browser refuses (no permission, not a secure context).</summary>
    public ValueTask<bool> CopyTextAsync(string text) => js.InvokeAsync<bool>("pocTracker.files.copyText", text);
}
