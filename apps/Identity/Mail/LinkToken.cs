using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace PocTracker.Identity.Mail;

/// <summary>
/// The secret of a link the identity app mails (an invitation, a password reset): <c>{tenantId:N}.{32 random bytes,
/// base64url}</c>. Following one is anonymous, and what it proves is a tenant row under row-level security, so the
/// token names its tenant (as a refresh token names its account); the random part is the proof. Only its SHA-256 is
/// stored: 256 random bits leave nothing to brute-force, so a fast hash is enough, and a leaked table opens nothing.
/// </summary>
internal static class LinkToken
{
    private const int SecretBytes = 32;

    public static (string Token, byte[] Hash) New(Guid tenantId)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        return ($"{tenantId:N}.{Base64Url.EncodeToString(secret)}", SHA256.HashData(secret));
    }

    /// <summary>False for anything that is not a token's shape; the caller answers as for an unknown token.</summary>
    public static bool TryParse(string? token, out Guid tenantId, [NotNullWhen(true)] out byte[]? hash)
    {
        tenantId = Guid.Empty;
        hash = null;
        var parts = token?.Trim().Split('.');
        if (parts is not [var tenant, var secretText] || secretText.Length > 64 || !Guid.TryParseExact(tenant, "N", out tenantId))
        {
            return false;
        }

        var secret = new byte[SecretBytes + 3];
        if (Base64Url.DecodeFromChars(secretText, secret, out _, out var written) != System.Buffers.OperationStatus.Done || written != SecretBytes)
        {
            return false;
        }

        hash = SHA256.HashData(secret.AsSpan(0, SecretBytes));
        return true;
    }
}
