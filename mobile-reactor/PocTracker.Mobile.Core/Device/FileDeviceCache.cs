using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PocTracker.Mobile.Core.Device;

/// <summary>
/// <see cref="IDeviceCache"/> as one file per key in a directory (on the phone, MAUI's <c>FileSystem.AppDataDirectory</c>
/// plus a folder). A write goes to a temporary file first and is then moved over the old one, so a crash mid-write
/// leaves the old value, never half a file. File names are hashes of the keys, so any key is a safe name.
/// </summary>
public sealed class FileDeviceCache : IDeviceCache
{
    private readonly string directory;

    public FileDeviceCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        this.directory = directory;
        Directory.CreateDirectory(directory);
    }

    public async Task<T?> ReadAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return default;
        }

        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync(file, type, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException)
        {
            return default; // written by an older app with another shape, or removed meanwhile: as if never cached
        }
    }

    public async Task WriteAsync<T>(string key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        var path = PathOf(key);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, value, type, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true); // atomic on one volume: readers see the old file or the new one
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");
    }
}
