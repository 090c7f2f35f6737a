namespace PocTracker.Contracts.Identity;

/// <summary>An account as its organisation's owners and admins see it (<c>GET /api/identity/accounts</c>).</summary>
/// <param name="Id">The account's id (the token's <c>sub</c>).</param>
/// <param name="Email">Its e-mail.</param>
/// <param name="DisplayName">Its name as colleagues see it.</param>
/// <param name="Role"><c>owner</c>, <c>admin</c> or <c>member</c>.</param>
/// <param name="IsActive">False once deactivated.</param>
public sealed record AccountSummary(Guid Id, string Email, string DisplayName, string Role, bool IsActive);

/// <summary>The new role (<c>PUT /api/identity/accounts/{id}/role</c>): <c>owner</c>, <c>admin</c> or <c>member</c>.</summary>
public sealed record RoleChangeRequest(string? Role);

/// <summary>An invitation not yet accepted and not expired (<c>GET /api/identity/invitations</c>).</summary>
public sealed record PendingInvitation(Guid Id, string Email, string Role, Guid InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>An audit event as the organisation's owners and admins read it (<c>GET /api/identity/audit</c>).</summary>
/// <param name="Id">The event's id.</param>
/// <param name="OccurredAt">When; pass the last one's as <c>before</c> for the next page.</param>
/// <param name="Kind">What happened, e.g. <c>login</c>, <c>role-change</c>, <c>mfa-change</c>.</param>
/// <param name="AccountId">The account it is about.</param>
/// <param name="ActorId">The account that did it.</param>
/// <param name="IpAddress">The client's address.</param>
/// <param name="Outcome"><c>success</c> or <c>failure</c>.</param>
/// <param name="Detail">A short explanation (never a password, token or link).</param>
public sealed record AuditEventDto(Guid Id, DateTimeOffset OccurredAt, string Kind, Guid? AccountId, Guid? ActorId, string? IpAddress, string Outcome, string? Detail);
