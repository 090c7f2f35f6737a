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
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }, cancellationToken);
    }

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
