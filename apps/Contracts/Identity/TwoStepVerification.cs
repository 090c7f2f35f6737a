namespace PocTracker.Contracts.Identity;

/// <summary>Whether the caller has two-step verification on (<c>GET /api/identity/me/two-step</c>).</summary>
/// <param name="Enabled">True once an authenticator app was enrolled and confirmed.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
/// <param name="PasswordNeedsTwoStep">The password is shorter than a password-only account may have, so it cannot be switched off.</param>
public sealed record TwoStepStatus(bool Enabled, int RecoveryCodesLeft, bool PasswordNeedsTwoStep);

/// <summary>Starting enrolment asks for the password again.</summary>
public sealed record StartTwoStepRequest(string? Password);

/// <summary>What the person puts into their authenticator app (the URI as a QR code, or the secret typed).</summary>
/// <param name="Secret">The TOTP secret in Base32.</param>
/// <param name="OtpauthUri">The <c>otpauth://totp/…</c> URI to show as a QR code.</param>
/// <param name="Digits">Digits per code (6).</param>
/// <param name="Period">Seconds per code (30).</param>
public sealed record TwoStepEnrolment(string Secret, string OtpauthUri, int Digits, int Period);

/// <summary>A code from the authenticator app (or, where allowed, a recovery code).</summary>
public sealed record TwoStepCodeRequest(string? Code);

/// <summary>New recovery codes: shown this once, stored only as hashes.</summary>
public sealed record RecoveryCodesIssued(IReadOnlyList<string> RecoveryCodes);
