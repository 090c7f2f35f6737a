using Microsoft.Maui.ApplicationModel;
using Microsoft.Maui.ApplicationModel.DataTransfer;
using Microsoft.Maui.Storage;
using PocTracker.Mobile.Core.Device;

namespace PocTracker.Mobile.Platform;

/// <summary>
/// The core's <see cref="CacheDirectoryFiles"/> over MAUI's <see cref="FileSystem.CacheDirectory"/> (the system may
/// clear it; nothing there needs a storage permission), with sharing through the system share sheet
/// (<see cref="Share"/>) and opening with the app the system has for the type (<see cref="Launcher"/>: a PDF viewer,
/// the video player for the year video).
/// </summary>
public sealed class MauiDeviceFiles() : CacheDirectoryFiles(Path.Combine(FileSystem.CacheDirectory, "downloads"))
{
    public override Task ShareAsync(DeviceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return MainThread.InvokeOnMainThreadAsync(() => Share.Default.RequestAsync(new ShareFileRequest
        {
            Title = file.FileName,
            File = new ShareFile(file.Path, file.MediaType),
        }));
    }

    public override Task OpenAsync(DeviceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return MainThread.InvokeOnMainThreadAsync(() => Launcher.Default.OpenAsync(new OpenFileRequest
        {
            Title = file.FileName,
            File = new ReadOnlyFile(file.Path, file.MediaType),
        }));
    }
}
