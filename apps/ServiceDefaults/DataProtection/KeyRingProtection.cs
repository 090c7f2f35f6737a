using System.Security.Cryptography.X509Certificates;
using Amazon.KeyManagementService;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace PocTracker.ServiceDefaults.DataProtection;

/// <summary>
/// Encrypts the key ring at rest with a key that is not in the app's database: the ring opens what
/// the app protected (identity's token signing keys and TOTP secrets, reports' download links, the
/// video job's stored access token), so in clear a backup alone would be enough to forge tokens.
/// Section <c>KeyRing</c>:
/// <list type="bullet">
/// <item><c>KmsKeyId</c>: an AWS KMS key (id, ARN or alias) that encrypts each new key (production on AWS);
/// <c>KmsServiceUrl</c>/<c>KmsRegion</c> optionally; credentials from the SDK's chain (the pod's role).</item>
/// <item><c>CertificateFile</c>: a PEM file with a certificate and its private key (Data Protection's
/// own <c>ProtectKeysWithCertificate</c>); Standalone makes one under its data folder (<see cref="KeyRingCertificate"/>).</item>
/// <item><c>PreviousCertificateFiles:N</c>: certificates that no longer encrypt but still open the keys
/// they encrypted (after a change of certificate, or of KMS for a certificate).</item>
/// </list>
/// Keys written before encryption was configured stay readable (Data Protection reads clear keys
/// whatever the setting); every new key is encrypted. In Production the app refuses to start
/// without an encryptor (docs/operations.md, Data Protection).
/// </summary>
internal static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment, AppKeyRing ring)
    {
        const string Section = KeyRingSetup.Section;
        var section = configuration.GetSection(Section);
        var kmsKeyId = section["KmsKeyId"];
        var certificateFile = section["CertificateFile"];
        if (!string.IsNullOrEmpty(kmsKeyId) && !string.IsNullOrEmpty(certificateFile))
        {
            throw new InvalidOperationException(
                $"Set one of {Section}:KmsKeyId and {Section}:CertificateFile (the one that encrypts new keys); list older certificates in {Section}:PreviousCertificateFiles.");
        }

        var previous = section.GetSection("PreviousCertificateFiles").Get<string[]>() ?? [];
        if (previous.Length > 0)
        {
            builder.UnprotectKeysWithAnyCertificate([.. previous.Select(LoadCertificate)]);
        }

        if (!string.IsNullOrEmpty(kmsKeyId))
        {
            var clientConfig = KmsKeyRing.ClientConfig(section);
            builder.Services.TryAddSingleton<IAmazonKeyManagementService>(_ => new AmazonKeyManagementServiceClient(clientConfig));
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<IAmazonKeyManagementService>((options, kms) => options.XmlEncryptor = new KmsXmlEncryptor(kms, kmsKeyId, ring.AppId));
        }
        else if (!string.IsNullOrEmpty(certificateFile))
        {
            builder.ProtectKeysWithCertificate(LoadCertificate(certificateFile));
        }

        if (environment.IsProduction())
        {
            // Checks what Data Protection will really do, at start-up (before anything reads the
            // ring) and again wherever the ring is used without a server (identity's rotate-keys job).
            builder.Services.AddOptions<KeyManagementOptions>()
                .Validate(options => options.XmlEncryptor is not null,
                    $"In Production the Data Protection key ring (the {ring.AppId} database's data_protection_keys) must be encrypted at rest: " +
                    $"set {Section}:KmsKeyId (an AWS KMS key) or {Section}:CertificateFile (a PEM file with a certificate and its private key). See docs/operations.md, Data Protection.")
                .ValidateOnStart();
        }

        return builder;
    }

    /// <summary>A certificate with its private key from one PEM file (what a Kubernetes TLS secret or Standalone's file holds).</summary>
    private static X509Certificate2 LoadCertificate(string path)
    {
        var certificate = X509Certificate2.CreateFromPemFile(path);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The key ring certificate '{path}' has no private key: the PEM file must hold both.");
    }
}
