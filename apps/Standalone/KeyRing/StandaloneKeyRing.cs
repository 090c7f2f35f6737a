using PocTracker.Identity;
using PocTracker.ServiceDefaults.DataProtection;

namespace PocTracker.Standalone.KeyRing;

/// <summary>
/// Standalone's Data Protection: one process, one key ring, the identity app's (in the identity
/// database, under its application name), which has protected its signing keys and TOTP secrets
/// since the first run. Every module shares it. The ring is encrypted with a certificate beside the
/// database (<c>{data}/identity-key-ring.pem</c>, readable by its owner only), made on the first run
/// and used by every later one, unless <c>KeyRing</c> names a key; delete the data folder as a whole,
/// never the file alone (the keys it encrypted could not be read).
/// </summary>
internal static class StandaloneKeyRing
{
    public const string CertificateFileName = "identity-key-ring.pem";

    public static void Add(WebApplicationBuilder builder, string dataDirectory)
    {
        var section = builder.Configuration.GetSection(KeyRingSetup.Section);
        if (string.IsNullOrEmpty(section["CertificateFile"]) && string.IsNullOrEmpty(section["KmsKeyId"]))
        {
            var path = Path.Combine(dataDirectory, CertificateFileName);
            if (!File.Exists(path))
            {
                KeyRingCertificate.CreateFile(path);
            }

            // Owner only, whoever made it (an older copy, a restored backup).
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            builder.Configuration[$"{KeyRingSetup.Section}:CertificateFile"] = path;
        }

        builder.AddKeyRing(IdentityModule.AppId, IdentityModule.KeyRingApplicationName);
    }
}
