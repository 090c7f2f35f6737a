using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Net.Http.Headers;

namespace PocTracker.Web.Hosting;

/// <summary>
/// The app's page (index.html) for every page path, and the headers its HTML goes out with. The Content-Security-Policy
/// lets in what Blazor WebAssembly and a Monaco editor from <c>_content/BlazorMonaco/</c> need and nothing else
/// (docs/web.md, "Content-Security-Policy"): scripts from this origin only (index.html has no inline script) and
/// <c>'wasm-unsafe-eval'</c> to compile the runtime.
/// <para>
/// <c>WebApp:ObjectStorageOrigin</c> (e.g. <c>https://poctracker-objects.s3.sa-east-1.amazonaws.com</c>) is the one other
/// origin the page may read from: with S3 storage a film's content route answers a 302 to a presigned link there, which
/// the page's fetch follows (the bucket's CORS names the app's origin in turn; docs/web.md, "Year video").
/// </para>
/// </summary>
public sealed class AppHtml(IWebHostEnvironment environment, IConfiguration configuration)
{
    /// <summary>The configuration key of the object storage's origin the page may read from (none when unset).</summary>
    public const string ObjectStorageOriginKey = "WebApp:ObjectStorageOrigin";

    private const string IndexFile = "index.html";
    private readonly Lazy<byte[]?> page = new(() => Read(environment));

    /// <summary>
    /// A GET or HEAD that no route took, of a path outside the servers' (<see cref="WebAppHosting.ServerPaths"/>) whose
    /// last segment is not a file name (a missing <c>.js</c> stays a 404): one of the app's own pages.
    /// </summary>
    public bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return context.GetEndpoint() is null
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !WebAppHosting.IsServerPath(request.Path)
            && !Path.HasExtension(request.Path.Value)
            && page.Value is not null;
    }

    /// <summary>Answers with index.html (which the app's router turns into the page the path names).</summary>
    public async Task ServeIndexAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bytes = page.Value ?? throw new InvalidOperationException("The app's index.html is not among the host's static web assets.");
        var response = context.Response;
        AddSecurityHeaders(response);
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>The app HTML's headers: its CSP, and no framing, sniffing or referrer (the callback's URL holds a code).</summary>
    public void AddSecurityHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers[HeaderNames.XFrameOptions] = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>The policy of the app's HTML.</summary>
    public string ContentSecurityPolicy { get; } = PolicyFor(ObjectStorageOrigin(configuration));

    private static string PolicyFor(string? objectStorageOrigin)
    {
        var objectStorage = objectStorageOrigin is null ? "" : " " + objectStorageOrigin;
        return string.Join("; ",
            "default-src 'self'",
            // Blazor compiles the .NET runtime (WebAssembly) in the page: 'wasm-unsafe-eval', not 'unsafe-eval'.
            "script-src 'self' 'wasm-unsafe-eval'",
            // Monaco adds <style> elements and style attributes as it lays the editor out.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' blob:",
            // The APIs and the dojo hub's WebSocket are on this origin ('self' covers ws:/wss: to it); a film or report
            // on S3 is read from the bucket a 302 sends the page's fetch to.
            "connect-src 'self'" + objectStorage,
            // Monaco's language workers may start from a blob: URL.
            "worker-src 'self' blob:",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    // An origin only (scheme, host, port): a path or a stray ';' would change what the policy says.
    private static string? ObjectStorageOrigin(IConfiguration configuration)
    {
        if (configuration[ObjectStorageOriginKey] is not { Length: > 0 } value)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp
            || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException($"{ObjectStorageOriginKey} must be an origin such as https://bucket.s3.sa-east-1.amazonaws.com (scheme, host and port only), not '{value}'.");
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static byte[]? Read(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(IndexFile);
        if (!file.Exists)
        {
            return null;
        }

        using var stream = file.CreateReadStream();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
