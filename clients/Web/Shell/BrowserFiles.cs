using Microsoft.JSInterop;
using PocTracker.Sdk.Downloads;

namespace PocTracker.Web.Shell;

/// <summary>
/// Files and text leaving the app through the browser, through the page's script (<c>pocTracker.files</c>, no library):
/// bytes the SDK read with the access token (a report, a video, the data export) become a Blob, saved through an
/// <c>&lt;a download&gt;</c> or shown through an object URL; a link that needs no token (a report job's) is simply
/// followed, so its bytes never pass through .NET; text goes to the clipboard.
/// </summary>
public sealed class BrowserFiles(IJSRuntime js)
{
    /// <summary>Saves <paramref name="file"/> as a download under its server-given name (else <paramref name="fallbackName"/>).</summary>
    public async Task SaveAsync(DownloadedFile file, string fallbackName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var bytes = new DotNetStreamReference(file.Content, leaveOpen: true);
        await js.InvokeVoidAsync("pocTracker.files.save", cancellationToken, file.FileName ?? fallbackName, file.MediaType ?? "application/octet-stream", bytes);
    }

    /// <summary>Saves <paramref name="text"/> (UTF-8, <c>text/plain</c>) as a download named <paramref name="fileName"/>.</summary>
    public async Task SaveTextAsync(string fileName, string text, CancellationToken cancellationToken = default)
    {
        using var bytes = new DotNetStreamReference(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        await js.InvokeVoidAsync("pocTracker.files.save", cancellationToken, fileName, "text/plain;charset=utf-8", bytes);
    }

    /// <summary>Copies <paramref name="text"/> to the clipboard; false when the browser refuses (no permission, not a secure context).</summary>
    public ValueTask<bool> CopyTextAsync(string text) => js.InvokeAsync<bool>("pocTracker.files.copyText", text);

    /// <summary>Lets the browser download <paramref name="link"/> itself (it must need no Authorization header).</summary>
    public ValueTask FollowAsync(Uri link, string? fileName = null) => js.InvokeVoidAsync("pocTracker.files.follow", link.ToString(), fileName);

    /// <summary>A <c>blob:</c> URL holding <paramref name="file"/>'s bytes, for a <c>&lt;video&gt;</c>; give it back with <see cref="RevokeAsync"/>.</summary>
    public async Task<string> ObjectUrlAsync(DownloadedFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var bytes = new DotNetStreamReference(file.Content, leaveOpen: true);
        return await js.InvokeAsync<string>("pocTracker.files.objectUrl", cancellationToken, file.MediaType ?? "application/octet-stream", bytes);
    }

    /// <summary>Frees the bytes behind an object URL.</summary>
    public ValueTask RevokeAsync(string objectUrl) => js.InvokeVoidAsync("pocTracker.files.revoke", objectUrl);
}
