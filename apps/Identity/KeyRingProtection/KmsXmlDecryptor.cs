using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PocTracker.Identity.KeyRingProtection;

/// <summary>
/// The name ring keys that the identity app encrypted with AWS KMS before the key ring set-up moved to
/// ServiceDefaults give for their decryptor (Data Protection stores that type name beside each key and
/// creates it by that name). Such keys stay in the identity database for good, so this class stays:
/// it opens them with <see cref="ServiceDefaults.DataProtection.KmsXmlDecryptor"/>, which new keys name.
/// </summary>
internal sealed class KmsXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly ServiceDefaults.DataProtection.KmsXmlDecryptor current = new(services);

    public System.Xml.Linq.XElement Decrypt(System.Xml.Linq.XElement encryptedElement) => current.Decrypt(encryptedElement);
}
