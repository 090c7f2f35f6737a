using System.Text;
using System.Xml.Linq;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace PocTracker.ServiceDefaults.DataProtection;

/// <summary>
/// Opens what <see cref="KmsXmlEncryptor"/> wrote. Data Protection creates it by the type name
/// stored beside each key (so renaming or moving this class breaks reading existing keys: the
/// identity app keeps a class under its name from before, <c>PocTracker.Identity.KeyRingProtection.KmsXmlDecryptor</c>),
/// with the app's services: the KMS client and the app's key ring are the ones <see cref="KeyRingSetup"/> registered.
/// </summary>
public sealed class KmsXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public const string ElementName = "kmsEncryptedKey";

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var ring = services.GetRequiredService<AppKeyRing>();
        var kms = services.GetService<IAmazonKeyManagementService>()
            ?? throw new InvalidOperationException(
                $"A Data Protection key in the {ring.AppId} database is encrypted with AWS KMS, but no KMS key is configured: set {KeyRingSetup.Section}:KmsKeyId.");
        var keyId = (string?)encryptedElement.Element("kmsKeyId");
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element("value")
            ?? throw new FormatException($"The <{ElementName}> element has no <value>."));
        using var stream = new MemoryStream(ciphertext, writable: false);
        var response = kms.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = stream,
            // Naming the key makes KMS refuse a ciphertext made under any other key.
            KeyId = keyId,
            EncryptionContext = KmsKeyRing.EncryptionContext(ring.AppId),
        }).GetAwaiter().GetResult();
        using var plaintext = response.Plaintext;
        var bytes = plaintext.ToArray();
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
