using System.Text.Json;

namespace PocTracker.ServiceDefaults.Storage;

/// <summary>
/// Objects as files under one folder (Standalone: <c>.data/objects</c>), each with a small
/// <c>.meta.json</c> beside it for its media type. Written to a temporary file and moved into
/// place, so a reader sees the whole object or none. No direct links: the app streams the file.
/// </summary>
public sealed class LocalDiskObjectStorage(string root) : IObjectStorage
{
    private sealed record Meta(string ContentType);

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            await File.WriteAllTextAsync(path + ".meta.json", JsonSerializer.Serialize(new Meta(contentType)), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        var meta = File.Exists(path + ".meta.json")
            ? JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(path + ".meta.json", cancellationToken))
            : null;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return new StoredObject(stream, meta?.ContentType ?? "application/octet-stream", stream.Length);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        File.Delete(path);
        File.Delete(path + ".meta.json");
        return Task.CompletedTask;
    }

    public Uri? DirectDownloadUrl(string key, string fileName, TimeSpan validFor) => null;

    private string PathOf(string key) => Path.Combine(root, ObjectKeys.Validate(key).Replace('/', Path.DirectorySeparatorChar));
}
