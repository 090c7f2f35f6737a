namespace PocTracker.Contracts.Identity;

/// <summary>Whom to invite, and as what.</summary>
/// <param name="Email">The person's e-mail; the link is sent there.</param>
/// <param name="Role"><c>member</c>, <c>admin</c> or (by owners only) <c>owner</c>.</param>
public sealed record InvitationRequest(string? Email, string? Role);

/// <summary>The invitation sent (its link is only in the e-mail).</summary>
public sealed record InvitationResponse(Guid Id, string Email, string Role, DateTimeOffset ExpiresAt);

/// <summary>The invited person's answer.</summary>
/// <param name="Token">The <c>token</c> of the invitation link.</param>
/// <param name="DisplayName">Their name as colleagues see it, 1–100 characters.</param>
/// <param name="Password">Their new password (see docs/identity.md).</param>
public sealed record AcceptInvitationRequest(string? Token, string? DisplayName, string? Password);

/// <summary>The account created; <c>slug</c> is the organisation to type at login.</summary>
public sealed record AcceptedInvitationResponse(Guid AccountId, Guid TenantId, string Slug, string Email, string Role);
