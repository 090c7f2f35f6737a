using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// Password hashing parameters for ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>: format v3, i.e.
/// PBKDF2-HMAC-SHA512 with a 128-bit random salt and a 256-bit subkey, at <see cref="Iterations"/> iterations (the
/// framework's default is 100,000). The iteration count is stored in every hash, so hashes made with other counts
/// still verify; <see cref="NormalizingPasswordHasher"/> reports them as
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> and the login rehashes them.
/// Always pass <see cref="PasswordPolicy.Normalize"/>(password) to the hasher, when hashing and when verifying.
/// </summary>
public static class PasswordHashing
{
    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations: OWASP's Password Storage Cheat Sheet figure for HMAC-SHA512 (its 600,000 is for
    /// HMAC-SHA256: SHA-512 rounds cost an attacker more). Hashes made at 600,000 before are rehashed at the next login.
    /// </summary>
    public const int Iterations = 210_000;

    /// <summary>Format v3's marker byte, and where its header keeps the iteration count (big-endian, after the PRF).</summary>
    private const byte FormatV3 = 0x01;
    private const int IterationCountOffset = 5;
    private const int HeaderLength = 13;

    /// <summary>
    /// Sets v3 (PBKDF2-HMAC-SHA512) and <see cref="Iterations"/>; use as
    /// <c>services.Configure&lt;PasswordHasherOptions&gt;(PasswordHashing.ConfigureHasher)</c>.
    /// </summary>
    public static void ConfigureHasher(PasswordHasherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
        options.IterationCount = Iterations;
    }

    /// <summary>The iteration count a v3 hash was made with; null for anything else (v2, malformed).</summary>
    public static int? IterationsOf(string? hashedPassword)
    {
        if (string.IsNullOrEmpty(hashedPassword) || hashedPassword.Length > 1024)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[hashedPassword.Length];
        if (!Convert.TryFromBase64String(hashedPassword, bytes, out var written) || written < HeaderLength || bytes[0] != FormatV3)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(IterationCountOffset, 4));
        return count <= int.MaxValue ? (int)count : null;
    }
}
