using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PocTracker.ServiceDefaults.Storage;

/// <summary>
/// Chooses the object-storage adapter from configuration: <c>Storage:S3:Bucket</c> set → S3 (with
/// optional <c>Storage:S3:ServiceUrl</c>, <c>Storage:S3:ForcePathStyle</c>, <c>Storage:S3:Region</c>);
/// otherwise the local folder <c>Storage:LocalPath</c> (default <c>{temp}/poctracker-objects</c>).
/// </summary>
public static class ObjectStorageSetup
{
    /// <summary>Registers <see cref="IObjectStorage"/> once, however many app modules of the process ask for it.</summary>
    public static IServiceCollection AddObjectStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Storage");
        if (section["S3:Bucket"] is { Length: > 0 } bucket)
        {
            var config = S3Config(section);
            services.TryAddSingleton<IAmazonS3>(_ => new AmazonS3Client(config));
            services.TryAddSingleton<IObjectStorage>(sp => new S3ObjectStorage(sp.GetRequiredService<IAmazonS3>(), bucket));
        }
        else
        {
            var root = section["LocalPath"] is { Length: > 0 } path ? path : Path.Combine(Path.GetTempPath(), "poctracker-objects");
            services.TryAddSingleton<IObjectStorage>(new LocalDiskObjectStorage(root));
        }

        return services;
    }

    /// <summary>The S3 client's settings from <c>Storage:S3</c>.</summary>
    internal static AmazonS3Config S3Config(IConfiguration storage)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = storage.GetValue("S3:ForcePathStyle", false),
            // Checksums only where S3 requires them: the SDK's default trailing checksums are refused by
            // several S3-compatible services, and TLS already protects the bytes in transit.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (storage["S3:ServiceUrl"] is { Length: > 0 } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
        }
        else if (storage["S3:Region"] is { Length: > 0 } region)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }
}
