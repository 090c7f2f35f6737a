using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PocTracker.ServiceDefaults.DataProtection;

/// <summary>
/// A key-encryption certificate for a key ring (<c>KeyRing:CertificateFile</c>) made on the spot: a
/// self-signed certificate with its RSA key in one PEM file readable by its owner only. Standalone
/// makes one beside its database on the first run and uses it from then on (so the database folder
/// alone does not open the ring); tests make one per app they run in Production.
/// </summary>
public static class KeyRingCertificate
{
    /// <summary>Writes a new certificate and key to <paramref name="path"/>, which must not exist yet.</summary>
    [UnsupportedOSPlatform("windows")] // the file is made with its Unix mode
    public static void CreateFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=PocTracker key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
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
