using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PocTracker.Identity.KeyRingProtection;

namespace PocTracker.Standalone.KeyRing;

/// <summary>
/// Standalone's key-encryption key for the identity app's Data Protection key ring: a self-signed
/// certificate with its RSA key in one PEM file beside the database (<c>{data}/identity-key-ring.pem</c>,
/// readable by its owner only), made on the first run and used by every later one. The ring in
/// PostgreSQL is encrypted with it, so the database folder alone does not open the signing keys;
/// delete the data folder as a whole, never the file alone (the keys it encrypted could not be read).
/// </summary>
internal static class StandaloneKeyRingCertificate
{
    public const string FileName = "identity-key-ring.pem";

    /// <summary>Points <c>Identity:KeyRing:CertificateFile</c> at the file, making it first, unless a key is configured.</summary>
    public static void Configure(WebApplicationBuilder builder, string dataDirectory)
    {
        var section = builder.Configuration.GetSection(KeyRingProtectionSetup.Section);
        if (!string.IsNullOrEmpty(section["CertificateFile"]) || !string.IsNullOrEmpty(section["KmsKeyId"]))
        {
            return;
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            Create(path);
        }

        // Owner only, whoever made it (an older copy, a restored backup).
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        builder.Configuration[$"{KeyRingProtectionSetup.Section}:CertificateFile"] = path;
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=PocTracker Standalone key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(100));
        var pem = new StringBuilder()
            .AppendLine(certificate.ExportCertificatePem())
            .AppendLine(rsa.ExportPkcs8PrivateKeyPem())
            .ToString();

        // 0600 from its first instant: never readable by anyone else, not even while it is written.
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        file.Write(Encoding.ASCII.GetBytes(pem));
    }
}
