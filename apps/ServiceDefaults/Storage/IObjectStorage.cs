namespace PocTracker.ServiceDefaults.Storage;

/// <summary>
/// The object-storage port: files the apps produce (reports, videos) and hand out later. Keys are
/// relative paths of lower-case letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>/</c>
/// (<see cref="ObjectKeys.Validate"/>), always starting with the tenant id so one tenant's files
/// never share a prefix with another's.
/// Adapters: <see cref="LocalDiskObjectStorage"/> (Standalone) and <see cref="S3ObjectStorage"/> (production).
/// </summary>
public interface IObjectStorage
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there; all or nothing.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Opens the object for reading, or null when there is none.</summary>
    Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A short-lived link the client downloads from directly (S3: a presigned GET), or null when the
    /// adapter has none and the app streams the object itself (local disk).
    /// </summary>
    Uri? DirectDownloadUrl(string key, string fileName, TimeSpan validFor);
}

/// <summary>An object being read: its content, media type and length.</summary>
public sealed record StoredObject(Stream Content, string ContentType, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>The rules every object key follows.</summary>
public static class ObjectKeys
{
    /// <summary>Throws when <paramref name="key"/> could escape its folder or is not a plain relative path.</summary>
    public static string Validate(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var valid = key.Length <= 512
            && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.' or '/')
            && !key.StartsWith('/') && !key.EndsWith('/')
            && key.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
        return valid ? key : throw new ArgumentException($"'{key}' is not a valid object key.", nameof(key));
    }
}
