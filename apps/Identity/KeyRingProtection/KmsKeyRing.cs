using Amazon.KeyManagementService;

namespace PocTracker.Identity.KeyRingProtection;

/// <summary>What the KMS encryptor and decryptor agree on.</summary>
internal static class KmsKeyRing
{
    /// <summary>
    /// Bound into every ciphertext: KMS decrypts only with the same context, and an IAM policy can
    /// allow the identity app's role these calls for this context alone.
    /// </summary>
    public static readonly Dictionary<string, string> EncryptionContext = new(StringComparer.Ordinal)
    {
        ["app"] = "poctracker-identity",
        ["purpose"] = "data-protection-key-ring",
    };

    /// <summary>The client's settings from <c>Identity:KeyRing</c>: <c>KmsServiceUrl</c> (a VPC endpoint, or a stand-in in tests) or <c>KmsRegion</c>, else the SDK's own chain.</summary>
    public static AmazonKeyManagementServiceConfig ClientConfig(IConfiguration keyRing)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        var config = new AmazonKeyManagementServiceConfig();
        if (keyRing["KmsServiceUrl"] is { Length: > 0 } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            if (keyRing["KmsRegion"] is { Length: > 0 } signingRegion)
            {
                config.AuthenticationRegion = signingRegion;
            }
        }
        else if (keyRing["KmsRegion"] is { Length: > 0 } region)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }
}
