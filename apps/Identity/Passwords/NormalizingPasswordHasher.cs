using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PocTracker.Identity.Data;

namespace PocTracker.Identity.Passwords;

/// <summary>
/// The accounts' password hasher: ASP.NET Core Identity's, over the NFKC form of the password (so every way of typing
/// the same characters matches), and asking for a rehash whenever a hash was made with another iteration count than
/// today's. The framework asks only when the stored count is lower; ours also went down (600,000 to OWASP's 210,000
/// for HMAC-SHA512), and a hash left at the old count would cost three times as much at every login, forever.
/// </summary>
internal sealed class NormalizingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<TenantAccount>
{
    private readonly PasswordHasher<TenantAccount> inner = new(options);
    private readonly int iterations = options.Value.IterationCount;

    public string HashPassword(TenantAccount user, string password) => inner.HashPassword(user, PasswordPolicy.Normalize(password));

    public PasswordVerificationResult VerifyHashedPassword(TenantAccount user, string hashedPassword, string providedPassword)
    {
        var result = inner.VerifyHashedPassword(user, hashedPassword, PasswordPolicy.Normalize(providedPassword));
        return result == PasswordVerificationResult.Success && PasswordHashing.IterationsOf(hashedPassword) != iterations
            ? PasswordVerificationResult.SuccessRehashNeeded
            : result;
    }
}
