namespace PocTracker.Mobile.Core.Device;

/// <summary>
/// Saves downloads into one directory (the app's cache directory on a phone, a temporary one in tests). The server's
/// name is kept but stripped to its last segment and to characters every file system takes, so a name like
/// <c>../../x</c> cannot leave the directory. Sharing and opening belong to the platform: the MAUI app derives from this.
/// </summary>
public abstract class CacheDirectoryFiles(string directory) : IDeviceFiles
{
    /// <summary>The directory files are saved into.</summary>
    public string Directory { get; } = directory ?? throw new ArgumentNullException(nameof(directory));

    public async Task<DeviceFile> SaveAsync(IncomingFile file, string fallbackName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(fallbackName);
        System.IO.Directory.CreateDirectory(Directory);
        var name = SafeName(file.FileName) ?? SafeName(fallbackName) ?? "download";
        var path = Path.Combine(Directory, name);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await file.Content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        return new DeviceFile(path, name, file.MediaType ?? "application/octet-stream", new FileInfo(path).Length);
    }

    public abstract Task ShareAsync(DeviceFile file, CancellationToken cancellationToken);

    public abstract Task OpenAsync(DeviceFile file, CancellationToken cancellationToken);

    /// <summary>The last segment of <paramref name="name"/> with characters outside letters, digits, '.', '-' and '_' made '_'; null when nothing is left.</summary>
    internal static string? SafeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var last = name.Replace('\\', '/').Split('/')[^1];
        var safe = new string([.. last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).Trim('.');
        return safe.Length == 0 ? null : safe;
    }
}
