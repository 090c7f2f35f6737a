using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PocTracker.TestSupport;

/// <summary>
/// A key-encryption certificate for the identity app's Data Protection key ring
/// (<c>Identity:KeyRing:CertificateFile</c>): a new self-signed RSA certificate and its private key
/// in one PEM file, as Standalone makes one. The identity app needs one to run in Production.
/// </summary>
public static class KeyRingCertificateFile
{
    /// <summary>Writes a new one into <paramref name="folder"/> (readable by its owner only) and returns its path.</summary>
    public static string Create(string folder)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=PocTracker test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"key-ring-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
