using Microsoft.Maui.ApplicationModel;
using Microsoft.Maui.ApplicationModel.DataTransfer;
using Microsoft.Maui.Storage;
using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Platform;

/// <summary>
/// Files the app downloads (a report, the year video) in its own cache folder (<see cref="FileSystem.CacheDirectory"/>:
/// the system may clear it, and nothing there needs a storage permission), shared with the system share sheet or
/// opened with the app the system picks for the type (the video player).
/// </summary>
public sealed class MauiDeviceFiles : IDeviceFiles
{
    public async Task<string> SaveAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Only the name's last segment: a name from the server never points outside the cache folder.
        var path = Path.Combine(FileSystem.CacheDirectory, Path.GetFileName(fileName));
        var file = File.Create(path);
        await using (file.ConfigureAwait(false))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return path;
    }

    public Task ShareAsync(string path, string contentType, string title) =>
        MainThread.InvokeOnMainThreadAsync(() => Share.Default.RequestAsync(new ShareFileRequest
        {
            Title = title,
            File = new ShareFile(path, contentType),
        }));

    public Task<bool> OpenAsync(string path, string contentType) =>
        MainThread.InvokeOnMainThreadAsync(() => Launcher.Default.OpenAsync(new OpenFileRequest
        {
            File = new ReadOnlyFile(path, contentType),
        }));
}
