using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.Downloads;

/// <summary>A file the server sends (a report, a video), read as it arrives: read <see cref="Content"/>, then dispose it.</summary>
public sealed class DownloadedFile : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage response;

    private DownloadedFile(HttpResponseMessage response, Stream content)
    {
        this.response = response;
        Content = content;
        FileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        MediaType = response.Content.Headers.ContentType?.MediaType;
    }

    /// <summary>The name the server suggests, e.g. <c>pocs-2026-12-04.pdf</c>.</summary>
    public string? FileName { get; }

    /// <summary>e.g. <c>text/csv</c>, <c>application/pdf</c>, <c>video/mp4</c>.</summary>
    public string? MediaType { get; }

    /// <summary>The file's bytes.</summary>
    public Stream Content { get; }

    /// <summary>Sends <paramref name="request"/> and opens the file it answers with (an error answer throws its problem).</summary>
    internal static async Task<DownloadedFile> OpenAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await ProblemAnswers.SendAsync(http, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            return new DownloadedFile(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }
}
