using Microsoft.AspNetCore.Identity;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// Password hashing parameters for ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>: format v3, i.e.
/// PBKDF2-HMAC-SHA512 with a 128-bit random salt and a 256-bit subkey, at <see cref="Iterations"/> iterations (the
/// framework's default is 100,000). The iteration count is stored in every hash, so hashes made with fewer iterations
/// still verify and are reported as <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>.
/// Always pass <see cref="PasswordPolicy.Normalize"/>(password) to the hasher, when hashing and when verifying.
/// </summary>
public static class PasswordHashing
{
    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP's minimum for HMAC-SHA512 is 210,000; for HMAC-SHA256 600,000).</summary>
    public const int Iterations = 600_000;

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
}
