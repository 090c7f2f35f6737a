namespace PocTracker.Contracts.Identity;

/// <summary>The sign-up form: a new organisation and its owner.</summary>
/// <param name="TenantName">The organisation's name, 1–100 characters.</param>
/// <param name="Slug">Its login name: 3–40 lower-case letters, digits and inner hyphens.</param>
/// <param name="Email">The owner's e-mail.</param>
/// <param name="Password">The owner's password (see docs/identity.md).</param>
/// <param name="DisplayName">The owner's name as colleagues see it.</param>
public sealed record TenantSignUpRequest(string? TenantName, string? Slug, string? Email, string? Password, string? DisplayName);

/// <summary>What sign-up created.</summary>
public sealed record TenantSignUpResponse(Guid TenantId, string Slug, Guid AccountId);
