using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PocTracker.ServiceDefaults.DataProtection;

/// <summary>
/// Encrypts each Data Protection key's secret with an AWS KMS key before it is stored, so the app's
/// database (and every backup of it) holds only ciphertext that KMS alone can open, for a role IAM
/// allows. The secret is a few hundred bytes, well within KMS's 4 KB for direct encryption.
/// </summary>
internal sealed class KmsXmlEncryptor(IAmazonKeyManagementService kms, string keyId, string appId) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            using var stream = new MemoryStream(plaintext, writable: false);
            // Data Protection's encryptor interface is synchronous; this runs only when a key is created.
            var response = kms.EncryptAsync(new EncryptRequest
            {
                KeyId = keyId,
                Plaintext = stream,
                EncryptionContext = KmsKeyRing.EncryptionContext(appId),
            }).GetAwaiter().GetResult();
            var element = new XElement(KmsXmlDecryptor.ElementName,
                new XComment(" This key is encrypted with AWS KMS. "),
                new XElement("kmsKeyId", response.KeyId),
                new XElement("value", Convert.ToBase64String(response.CiphertextBlob.ToArray())));
            return new EncryptedXmlInfo(element, typeof(KmsXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
