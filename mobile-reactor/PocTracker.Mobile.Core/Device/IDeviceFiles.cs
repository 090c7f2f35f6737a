namespace PocTracker.Mobile.Core.Device;

/// <summary>A file saved on the phone: where it is, what it is called and what it holds.</summary>
public sealed record DeviceFile(string Path, string FileName, string MediaType, long Length);

/// <summary>
/// Where downloaded files go on the phone and what can be done with them: saved into the app's cache directory (the
/// OS may clear it; nothing there is the only copy), then shared (MAUI's <c>Share</c>: mail, Drive, WhatsApp…) or opened
/// (MAUI's <c>Launcher</c>: a PDF viewer). <see cref="CacheDirectoryFiles"/> does the saving over any directory; the MAUI
/// app derives from it for share/open.
/// </summary>
public interface IDeviceFiles
{
    /// <summary>Copies <paramref name="file"/>'s bytes into the cache under a safe name (<paramref name="fallbackName"/> when the server gave none).</summary>
    Task<DeviceFile> SaveAsync(IncomingFile file, string fallbackName, CancellationToken cancellationToken);

    /// <summary>Offers the file to the phone's share sheet.</summary>
    Task ShareAsync(DeviceFile file, CancellationToken cancellationToken);

    /// <summary>Opens the file with the app the phone has for it.</summary>
    Task OpenAsync(DeviceFile file, CancellationToken cancellationToken);
}
