using System.Text;
using System.Xml.Linq;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PocTracker.Identity.KeyRingProtection;

/// <summary>
/// Opens what <see cref="KmsXmlEncryptor"/> wrote. Data Protection creates it by the type name
/// stored beside each key (so renaming or moving this class breaks reading existing keys), with
/// the app's services: the KMS client is the one <see cref="KeyRingProtectionSetup"/> registered.
/// </summary>
internal sealed class KmsXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public const string ElementName = "kmsEncryptedKey";

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var kms = services.GetService<IAmazonKeyManagementService>()
            ?? throw new InvalidOperationException(
                "A Data Protection key in the identity database is encrypted with AWS KMS, but no KMS key is configured: set Identity:KeyRing:KmsKeyId.");
        var keyId = (string?)encryptedElement.Element("kmsKeyId");
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element("value")
            ?? throw new FormatException($"The <{ElementName}> element has no <value>."));
        using var stream = new MemoryStream(ciphertext, writable: false);
        var response = kms.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = stream,
            // Naming the key makes KMS refuse a ciphertext made under any other key.
            KeyId = keyId,
            EncryptionContext = new Dictionary<string, string>(KmsKeyRing.EncryptionContext),
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
