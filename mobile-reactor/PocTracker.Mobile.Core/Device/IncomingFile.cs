using PocTracker.Sdk.Downloads;

namespace PocTracker.Mobile.Core.Device;

/// <summary>
/// A file arriving from the server (a report, a data export, a video), as the core sees it: the SDK's
/// <see cref="DownloadedFile"/> cannot be made outside the SDK, so the server adapters wrap it in this, and a test makes
/// one over a <see cref="MemoryStream"/>. Dispose it once <see cref="Content"/> is read.
/// </summary>
public sealed class IncomingFile(string? fileName, string? mediaType, Stream content, IAsyncDisposable? owner = null) : IAsyncDisposable
{
    /// <summary>The name the server suggests (e.g. <c>pocs-2026-12-04.pdf</c>), if any.</summary>
    public string? FileName { get; } = fileName;

    /// <summary>e.g. <c>application/pdf</c>, <c>text/csv</c>, <c>video/mp4</c>.</summary>
    public string? MediaType { get; } = mediaType;

    /// <summary>The bytes, read once.</summary>
    public Stream Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <summary>Wraps an SDK download (disposing this disposes it).</summary>
    public static IncomingFile Of(DownloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new IncomingFile(file.FileName, file.MediaType, file.Content, file);
    }

    public async ValueTask DisposeAsync()
    {
        if (owner is not null)
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            await Content.DisposeAsync().ConfigureAwait(false);
        }
    }
}
