using Amazon.S3;
using Amazon.S3.Model;

namespace PocTracker.ServiceDefaults.Storage;

/// <summary>
/// Objects in an S3 bucket (production on AWS; any S3-compatible service through
/// <c>Storage:S3:ServiceUrl</c>). Downloads go straight from S3 through presigned GET links, so
/// large files never pass through the app. Credentials come from the AWS default chain (the pod's
/// IAM role on EKS), never from configuration files.
/// </summary>
public sealed class S3ObjectStorage(IAmazonS3 s3, string bucket) : IObjectStorage
{
    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = ObjectKeys.Validate(key),
            InputStream = content,
            ContentType = contentType,
            AutoCloseStream = false,
            UseChunkEncoding = false, // a plain signed body: what S3-compatible services all accept
            // No encryption header: the bucket's default encrypts (on AWS with its own KMS key, infra's data stack), and a
            // header here would override it with S3's own keys.
            TagSet = [new Tag { Key = KindTag, Value = KindOf(key) }],
        }, cancellationToken);
    }

    /// <summary>
    /// The tag that says what an object is: the key's second segment (<c>{tenant}/reports/…</c> is <c>reports</c>). Keys begin
    /// with the tenant, so the bucket's lifecycle rules find report files by this tag, not by a key prefix (infra's
    /// ObjectLifecycle expires <c>poctracker:kind=reports</c>).
    /// </summary>
    public const string KindTag = "poctracker:kind";

    private static string KindOf(string key) => key.Split('/') is { Length: > 2 } segments ? segments[1] : "other";

    public async Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await s3.GetObjectAsync(bucket, ObjectKeys.Validate(key), cancellationToken);
            return new StoredObject(response.ResponseStream, response.Headers.ContentType, response.ContentLength);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await s3.DeleteObjectAsync(bucket, ObjectKeys.Validate(key), cancellationToken);

    public Uri? DirectDownloadUrl(string key, string fileName, TimeSpan validFor) => new(s3.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = bucket,
        Key = ObjectKeys.Validate(key),
        Verb = HttpVerb.GET,
        // The SDK presigns https unless told: a configured plain-http endpoint (a local S3-compatible service) keeps its scheme.
        Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        Expires = DateTime.UtcNow.Add(validFor),
        ResponseHeaderOverrides = { ContentDisposition = $"attachment; filename=\"{fileName}\"" },
    }));
}
