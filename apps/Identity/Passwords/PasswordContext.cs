namespace PocTracker.Identity.Passwords;

/// <summary>
/// What the password policy needs to know about the account whose password is being chosen.
/// </summary>
/// <param name="MfaEnabled">
/// True when the account has a second factor; the minimum length is then
/// <see cref="PasswordPolicy.MinimumLengthWithMfa"/> instead of <see cref="PasswordPolicy.MinimumLengthWithoutMfa"/>.
/// </param>
/// <param name="TenantName">The tenant's display name (e.g. "Acme Indústria Ltda").</param>
/// <param name="TenantSlug">The tenant's slug (e.g. "acme").</param>
/// <param name="Email">The account's e-mail address.</param>
/// <param name="DisplayName">The person's name, when known.</param>
public sealed record PasswordContext(
    bool MfaEnabled,
    string TenantName,
    string TenantSlug,
    string Email,
    string? DisplayName = null);
