namespace PocTracker.Identity.Data;

/// <summary>
/// A token signing key. The private key is stored protected with ASP.NET Core Data Protection. The
/// newest active key signs; older ones stay published in the JWKS until <see cref="RetireAfter"/>,
/// so tokens they signed keep validating until they expire.
/// </summary>
public sealed class SigningKeyRecord
{
    public string KeyId { get; set; } = "";

    public string Algorithm { get; set; } = "RS256";

    public string ProtectedPrivateKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while the key is current; set when a newer key replaces it.</summary>
    public DateTimeOffset? RetireAfter { get; set; }
}
