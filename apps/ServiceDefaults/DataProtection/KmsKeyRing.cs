using Amazon.KeyManagementService;
using Microsoft.Extensions.Configuration;

namespace PocTracker.ServiceDefaults.DataProtection;

/// <summary>What the KMS encryptor and decryptor agree on.</summary>
public static class KmsKeyRing
{
    /// <summary>
    /// Bound into every ciphertext: KMS decrypts only with the same context, so an app's ring key
    /// opens only for that app, and an IAM policy can allow each app's role these calls for its own
    /// context alone (<c>app=poctracker-{app id}</c>, e.g. <c>poctracker-identity</c>).
    /// </summary>
    public static Dictionary<string, string> EncryptionContext(string appId) => new(StringComparer.Ordinal)
    {
        ["app"] = "poctracker-" + appId,
        ["purpose"] = "data-protection-key-ring",
    };

    /// <summary>The client's settings from <c>KeyRing</c>: <c>KmsServiceUrl</c> (a VPC endpoint, or a stand-in in tests) or <c>KmsRegion</c>, else the SDK's own chain.</summary>
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
