using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace PocTracker.Identity.Mfa;

/// <summary>
/// TOTP (RFC 6238) as every authenticator app speaks it: SHA-1, 6 digits, 30-second steps, a
/// 160-bit secret. A code is accepted for the current step and one step either side (clock drift),
/// and only once: the step it matched is remembered on the account and older or equal steps are
/// refused, so a code seen over a shoulder or in a log cannot be replayed. The secret is stored
/// protected with Data Protection (the key ring every replica shares), never in clear text.
/// </summary>
internal sealed class TotpAuthenticator(IDataProtectionProvider protection, TimeProvider time)
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    private const int SecretBytes = 20;
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    private readonly IDataProtector protector = protection.CreateProtector("PocTracker.Identity.Mfa.TotpSecret.v1");

    /// <summary>A new secret: the protected form to store, and the Base32 form to show the person once.</summary>
    public (string Protected, string Base32) NewSecret()
    {
        var secret = KeyGeneration.GenerateRandomKey(SecretBytes);
        var base32 = Base32Encoding.ToString(secret);
        return (protector.Protect(base32), base32);
    }

    /// <summary>The <c>otpauth://</c> URI an authenticator app reads from a QR code.</summary>
    public static string ProvisioningUri(string base32Secret, string issuer, string accountLabel) =>
        new OtpUri(OtpType.Totp, base32Secret, accountLabel, issuer, OtpHashMode.Sha1, Digits, StepSeconds).ToString();

    /// <summary>
    /// Checks <paramref name="code"/> against a protected secret. Returns the matched time step when
    /// it is valid and newer than <paramref name="lastAcceptedStep"/>, otherwise null.
    /// </summary>
    public long? Verify(string protectedSecret, string? code, long? lastAcceptedStep)
    {
        var digits = Normalize(code);
        if (digits is null)
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(protector.Unprotect(protectedSecret)), StepSeconds, OtpHashMode.Sha1, Digits);
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, Drift))
        {
            return null;
        }

        return lastAcceptedStep is { } last && step <= last ? null : step;
    }

    /// <summary>Accepts a code with the spaces or hyphen apps show it with ("123 456").</summary>
    public static string? Normalize(string? code)
    {
        var digits = string.Concat((code ?? "").Where(c => c is not (' ' or '-')));
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
